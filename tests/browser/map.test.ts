// The map as a user meets it: loading, dragging, clicking and keyboard, clusters and stacks, layers,
// links, export, offline.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { distance } from "@turf/turf";
import type { Browser, Page } from "playwright-core";
import { baseURL, CLUSTER, launch, mapReady, MARKER, onScreen, open, openStack, urlView } from "./harness";
import { incidentIssues } from "@/lib/incident/validate";
import type { IncidentCollection } from "@/lib/incident/model";
import { DARAA_AL_BALAD } from "@/lib/incident/reference";
import { GEOJSON_MEDIA_TYPE } from "@/lib/export/geojson";
import { markerAnchor } from "@/lib/incident/anchor";

const dataset = JSON.parse(readFileSync("geodata/incidents.geojson", "utf8")) as IncidentCollection;
const checkpoints = JSON.parse(readFileSync("geodata/checkpoints.geojson", "utf8")) as { features: { geometry: unknown }[] };
const byId = new Map(dataset.features.map((f) => [f.properties.event_id, f]));
const anchors = dataset.features.map((f) => markerAnchor(f.geometry));
const metrics: Record<string, number> = {};

// The point incident farthest from any other: drawn as a single marker from zoom 13 on.
const loner = (() => {
  let best = 0;
  let bestGap = -1;
  dataset.features.forEach((f, i) => {
    if (f.geometry.type !== "Point") return;
    const gap = Math.min(...anchors.filter((_, j) => j !== i).map((a) => distance(a, anchors[i])));
    if (gap > bestGap) [best, bestGap] = [i, gap];
  });
  const f = dataset.features[best];
  const [lng, lat] = anchors[best];
  return { id: f.properties.event_id, feature: f, path: `/?map=13/${lat.toFixed(5)}/${lng.toFixed(5)}` };
})();

const REFERENCE_VIEW = `/?map=13/${DARAA_AL_BALAD.geometry.coordinates[1]}/${DARAA_AL_BALAD.geometry.coordinates[0]}`;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  mkdirSync("test-results", { recursive: true });
  writeFileSync("test-results/browser-metrics.json", JSON.stringify(metrics, null, 2) + "\n");
  console.log("browser metrics:", metrics);
});

const details = (page: Page) => page.getByRole("region", { name: "Incident details" });
/** How many of the scripts the page has fetched so far hold `text`. */
async function scriptsHolding(page: Page, text: string): Promise<number> {
  const urls = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name).filter((u) => /\/_next\/static\/.*\.js$/.test(new URL(u).pathname)));
  const bodies = await Promise.all(urls.map((u) => fetch(u).then((r) => r.text())));
  return bodies.filter((b) => b.includes(text)).length;
}
const selectedInPanel = (page: Page) => details(page).locator(".details__list").getAttribute("data-event-id");

describe("loading the map", () => {
  it("draws the incidents, with scale bar, attribution and zoom, and records how fast", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.route(/tile\.openstreetmap\.org/, (r) => r.abort("internetdisconnected"));
    const scripts: Promise<number>[] = [];
    page.on("response", (res) => {
      if (res.request().resourceType() === "script") scripts.push(res.body().then((b) => gzipSync(b).length, () => 0));
    });
    const t0 = Date.now();
    await page.goto(baseURL() + "/");
    await mapReady(page);
    metrics.first_marker_ms = Date.now() - t0;
    await page.waitForLoadState("networkidle");
    metrics.first_load_js_gzip_kb = Math.round((await Promise.all(scripts)).reduce((a, b) => a + b, 0) / 102.4) / 10;

    await expect(page.locator(".leaflet-control-scale").isVisible()).resolves.toBe(true);
    await expect(page.locator(".leaflet-control-attribution").innerText()).resolves.toMatch(/OpenStreetMap/);
    await expect(page.getByRole("button", { name: "Zoom in", exact: true }).isVisible()).resolves.toBe(true);
    await context.close();
  });

  it("represents every incident exactly once: single markers plus the counts on clusters", async () => {
    // Zoom 6 over the Levant holds every incident, Idlib and al-Bab included.
    const { context, page } = await open(browser, "/?map=6/34.50000/37.00000");
    await mapReady(page);
    const seen = await onScreen(page);
    expect(new Set(seen.singles).size).toBe(seen.singles.length);
    expect(seen.singles.length + seen.clusters.reduce((a, b) => a + b, 0)).toBe(dataset.features.length);
    await expect(page.getByTestId("shown-count").innerText()).resolves.toBe(String(dataset.features.length));
    await context.close();
  });

  it("clicking a cluster zooms in to where it splits", async () => {
    const { context, page } = await open(browser);
    await mapReady(page);
    await expect.poll(() => urlView(page)).not.toBeNull();
    const before = urlView(page)!.zoom;
    const cluster = page.locator(`${CLUSTER}:not(.cluster-marker--stack)`).first();
    await cluster.click();
    await expect.poll(() => urlView(page)!.zoom).toBeGreaterThan(before);
    await context.close();
  });

  it("a stack of incidents at one spot opens into its members, apart on screen, each reachable", async () => {
    const { context, page } = await open(browser, REFERENCE_VIEW);
    await mapReady(page);
    const stack = page.locator(`${CLUSTER}.cluster-marker--stack`).first();
    const count = Number(await stack.getAttribute("data-count"));
    expect(count).toBeGreaterThan(1);
    await stack.click();
    await expect.poll(async () => (await onScreen(page)).singles.length).toBeGreaterThanOrEqual(count);
    const ids = (await onScreen(page)).singles;
    const centres = await Promise.all(
      ids.map(async (id) => {
        const box = (await page.locator(`${MARKER}[data-event-id="${id}"]`).boundingBox())!;
        return [box.x + box.width / 2, box.y + box.height / 2];
      }),
    );
    for (let i = 0; i < centres.length; i++)
      for (let j = i + 1; j < centres.length; j++)
        expect(Math.hypot(centres[i][0] - centres[j][0], centres[i][1] - centres[j][1])).toBeGreaterThanOrEqual(16);
    for (const id of ids) {
      await page.locator(`${MARKER}[data-event-id="${id}"]`).click();
      await expect.poll(() => selectedInPanel(page)).toBe(id);
    }
    // The keyboard reaches the members too: from the map, Tab walks its markers.
    await page.locator(".leaflet-container").focus();
    const reached = new Set<string>();
    for (let i = 0; i < 60 && reached.size < ids.length; i++) {
      await page.keyboard.press("Tab");
      const id = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset?.eventId);
      if (id) reached.add(id);
    }
    expect([...reached].sort()).toEqual(ids);
    await context.close();
  });

  it("gives every drawn marker a unique accessible name with place and date", async () => {
    const { context, page } = await open(browser, REFERENCE_VIEW);
    await mapReady(page);
    await openStack(page);
    const markers = await page.locator(MARKER).all();
    expect(markers.length).toBeGreaterThan(1);
    const names: string[] = [];
    for (const el of markers) {
      const p = byId.get((await el.getAttribute("data-event-id"))!)!.properties;
      const name = (await el.getAttribute("aria-label"))!;
      expect(name.startsWith(`${p.location}, ${p.event_date ?? "date not given"}`)).toBe(true);
      names.push(name);
    }
    expect(new Set(names).size).toBe(names.length);
    await context.close();
  });
});

describe("moving around", () => {
  it("dragging the map moves the view and the URL follows", async () => {
    const { context, page } = await open(browser);
    await mapReady(page);
    await expect.poll(() => urlView(page)).not.toBeNull();
    const before = urlView(page)!;
    const box = (await page.locator(".leaflet-container").boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height - 120];
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(x + 20 * i, y + 10 * i);
    await page.mouse.up();
    // Dragging right and down brings what lay west and north into the middle.
    await expect.poll(() => urlView(page)!.lng).toBeLessThan(before.lng);
    await expect.poll(() => urlView(page)!.lat).toBeGreaterThan(before.lat);
    await context.close();
  });

  it("keyboard arrows pan the focused map", async () => {
    const { context, page } = await open(browser);
    await mapReady(page);
    await expect.poll(() => urlView(page)).not.toBeNull();
    const before = urlView(page)!;
    await page.locator(".leaflet-container").focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
    await expect.poll(() => urlView(page)!.lng).toBeGreaterThan(before.lng);
    await context.close();
  });

  it("a link with view and incident reopens both, and Back undoes a selection", async () => {
    const { context, page } = await open(browser, `${loner.path}&incident=${encodeURIComponent(loner.id)}`);
    await mapReady(page);
    await expect.poll(() => selectedInPanel(page)).toBe(loner.id);
    const view = urlView(page)!;
    const [lng, lat] = loner.feature.geometry.coordinates as number[];
    expect(view.zoom).toBe(13);
    expect(Math.abs(view.lat - lat)).toBeLessThan(1e-3);
    expect(Math.abs(view.lng - lng)).toBeLessThan(1e-3);
    await expect.poll(() => page.locator(`${MARKER}[data-event-id="${loner.id}"]`).getAttribute("class")).toMatch(/is-selected/);
    await details(page).getByRole("button", { name: "Close" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("incident")).toBeNull();
    await page.goBack();
    await expect.poll(() => selectedInPanel(page)).toBe(loner.id);
    await context.close();
  });
});

describe("reading an incident", () => {
  it("clicking a marker shows place, date, source sentence and distance from Daraa al-Balad (its code loaded then)", async () => {
    const { context, page } = await open(browser, loner.path);
    await mapReady(page);
    await page.waitForLoadState("networkidle");
    // The script holding the details' fields (their "; civilians targeted" text) comes when a marker is first chosen.
    await expect(scriptsHolding(page, "; civilians targeted")).resolves.toBe(0);
    await page.locator(`${MARKER}[data-event-id="${loner.id}"]`).click();
    const p = loner.feature.properties;
    await expect.poll(() => details(page).locator('[data-field="place"]').innerText()).toBe(p.location);
    await expect(scriptsHolding(page, "; civilians targeted")).resolves.toBeGreaterThan(0);
    await expect(details(page).locator('[data-field="date"]').innerText()).resolves.toContain(p.event_date ?? "date not given");
    await expect(details(page).locator('[data-field="quote"]').innerText()).resolves.toBe(p.source_quote);
    const km = Number((await details(page).locator('[data-field="distance"]').innerText()).replace(" km", ""));
    const expected = distance(DARAA_AL_BALAD.geometry.coordinates, loner.feature.geometry.coordinates as number[], { units: "kilometers" });
    expect(Math.abs(km - expected)).toBeLessThanOrEqual(0.05);
    expect(new URL(page.url()).searchParams.get("incident")).toBe(loner.id);
    await context.close();
  });

  it("a marker reached with Tab opens with Enter", async () => {
    const { context, page } = await open(browser, loner.path);
    await mapReady(page);
    let focused: string | null = null;
    for (let i = 0; i < 80 && !focused; i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset?.eventId ?? null);
    }
    expect(focused).not.toBeNull();
    await page.keyboard.press("Enter");
    await expect.poll(() => selectedInPanel(page)).toBe(focused);
    await context.close();
  });
});

describe("layers", () => {
  const cases = [
    { name: "Checkpoints", selector: ".leaflet-checkpoints-pane .checkpoint-marker, path.checkpoint-area" },
    { name: "Siege of Daraa al-Balad", selector: "path.siege-area" },
    { name: "Incidents", selector: `${MARKER}, ${CLUSTER}` },
  ];
  for (const { name, selector } of cases) {
    it(`unticking "${name}" takes its features off the map, ticking brings them back`, async () => {
      const { context, page } = await open(browser);
      await mapReady(page);
      // The count once the first frame's markers have settled (a marker or two come and go while it loads).
      let count = -1;
      await expect.poll(async () => {
        const before = count;
        count = await page.locator(selector).count();
        return count === before;
      }, { interval: 500 }).toBe(true);
      expect(count).toBeGreaterThan(0);
      const box = page.getByRole("checkbox", { name, exact: true });
      await box.uncheck();
      await expect.poll(() => page.locator(selector).count()).toBe(0);
      await box.check();
      await expect.poll(() => page.locator(selector).count()).toBe(count);
      await context.close();
    });
  }

  it("checkpoints with no known position are listed, not drawn", async () => {
    const unplaced = checkpoints.features.filter((f) => f.geometry === null).length;
    expect(unplaced).toBeGreaterThan(0);
    const { context, page } = await open(browser);
    await mapReady(page);
    await expect(page.locator(".layers__note li").count()).resolves.toBe(unplaced);
    await context.close();
  });
});

describe("export", () => {
  it('"Export GeoJSON" downloads exactly the incidents the map shows, valid RFC 7946', async () => {
    const { context, page } = await open(browser, REFERENCE_VIEW);
    await mapReady(page);
    await openStack(page);
    const seen = await onScreen(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export GeoJSON" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.geojson$/);
    const json = JSON.parse(readFileSync((await download.path())!, "utf8"));
    expect(incidentIssues(json)).toEqual([]);
    expect(json.crs).toBeUndefined();
    expect(typeof json.name).toBe("string");
    expect(json.bbox).toHaveLength(4);
    const ids: string[] = json.features.map((f: { properties: { event_id: string } }) => f.properties.event_id);
    expect(ids.length).toBe(seen.singles.length + seen.clusters.reduce((a, b) => a + b, 0));
    expect(ids.length).toBeLessThan(dataset.features.length);
    for (const id of seen.singles) expect(ids).toContain(id);
    for (const f of json.features) {
      for (const n of JSON.stringify(f.geometry.coordinates).match(/-?\d+\.\d+/g) ?? []) expect(n.split(".")[1].length).toBeLessThanOrEqual(6);
    }
    await context.close();
  });

  it("GET /api/incidents serves the same collection as application/geo+json", async () => {
    const res = await fetch(`${baseURL()}/api/incidents`);
    expect(res.headers.get("content-type")).toBe(GEOJSON_MEDIA_TYPE);
    const json = await res.json();
    expect(incidentIssues(json)).toEqual([]);
    expect(json.features.length).toBe(dataset.features.length);
    const bad = await fetch(`${baseURL()}/api/incidents?bbox=1,2,3`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/bbox/);
  });
});

describe("base maps", () => {
  it("with tiles unreachable, draws the bundled offline base map and says so", async () => {
    const { context, page } = await open(browser, "/", { tiles: "unreachable" });
    await mapReady(page);
    await expect.poll(() => page.locator(".leaflet-container").getAttribute("data-basemap")).toBe("ready");
    expect(await page.locator(".leaflet-basemap-fill-pane path").count()).toBeGreaterThan(10);
    await expect(page.locator(".town-label", { hasText: /^Daraa$/ }).first().isVisible()).resolves.toBe(true);
    await expect.poll(() => page.locator(".layers__base").innerText()).toMatch(/offline/);
    expect(await page.locator(".leaflet-tile-loaded").count()).toBe(0);
    await context.close();
  });

  it("zooms out to the whole world and, with tiles unreachable, draws land over Africa and South America", async () => {
    const { context, page, errors } = await open(browser, "/", { tiles: "unreachable" });
    await mapReady(page);
    const zoomOut = page.getByRole("button", { name: "Zoom out", exact: true });
    // Click as a user would until the control says there is no further out, each once the last has landed.
    await expect.poll(() => urlView(page)).not.toBeNull();
    for (let i = 0; i < 20 && (await zoomOut.getAttribute("aria-disabled")) !== "true"; i++) {
      const zoom = urlView(page)!.zoom;
      await zoomOut.click();
      await expect.poll(() => urlView(page)!.zoom).toBeLessThan(zoom);
    }
    await expect.poll(() => urlView(page)?.zoom).toBe(2);
    await page.waitForTimeout(500);
    mkdirSync("tests/screenshots", { recursive: true });
    await page.screenshot({ path: "tests/screenshots/world-offline.png" });
    // Hit-test the base map alone: whatever lies under a point of land must be a land fill of the base map.
    await page.addStyleTag({ content: ".leaflet-pane:not(.leaflet-basemap-fill-pane):not(.leaflet-map-pane) { visibility: hidden; } .leaflet-basemap-fill-pane svg, .leaflet-basemap-fill-pane path { pointer-events: none !important; } .leaflet-basemap-fill-pane path:not([fill='none']) { pointer-events: auto !important; }" });
    const landAt = (lng: number, lat: number) =>
      page.evaluate(([lng, lat]) => {
        const map = document.querySelector(".leaflet-container")!;
        const rect = map.getBoundingClientRect();
        const m = /[?&]map=([\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)/.exec(location.search)!;
        const [zoom, cLat, cLng] = [Number(m[1]), Number(m[2]), Number(m[3])];
        const scale = 256 * 2 ** zoom;
        const mx = (x: number) => ((x + 180) / 360) * scale;
        const my = (y: number) => ((1 - Math.log(Math.tan((y * Math.PI) / 180) + 1 / Math.cos((y * Math.PI) / 180)) / Math.PI) / 2) * scale;
        const x = rect.left + rect.width / 2 + mx(lng) - mx(cLng);
        const y = rect.top + rect.height / 2 + my(lat) - my(cLat);
        if (x < rect.left || x > rect.right || y < rect.top || y > rect.bottom) return "off the map";
        const hit = document.elementFromPoint(x, y);
        return hit?.closest(".leaflet-basemap-fill-pane") ? "land" : `${hit?.tagName} ${hit?.getAttribute("class")}`;
      }, [lng, lat]);
    // Central Africa (the Central African Republic), Brazil's interior, the Sahel (Niger).
    await expect.poll(() => landAt(20, 6)).toBe("land");
    await expect.poll(() => landAt(-55, -10)).toBe("land");
    await expect.poll(() => landAt(8, 16)).toBe("land");
    // The South Atlantic between them is sea.
    expect(await landAt(-20, -20)).not.toBe("land");
    // Country borders are drawn as lines over the land.
    expect(await page.locator(".leaflet-basemap-fill-pane path[fill='none']").count()).toBeGreaterThan(0);
    expect(await page.locator(".leaflet-tile-loaded").count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("uses OpenStreetMap tiles when they load", async () => {
    // A 1×1 PNG stands in for the tile server.
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==", "base64");
    const { context, page } = await open(browser, "/", { tiles: png });
    await mapReady(page);
    await expect.poll(() => page.locator(".leaflet-tile-loaded").count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator(".layers__base").innerText()).toMatch(/OpenStreetMap tiles/);
    await context.close();
  });

  it("makes the README's screenshot: offline, an incident selected", async () => {
    const target = dataset.features.find((f) => f.properties.location.startsWith("Tafas")) ?? loner.feature;
    const { context, page } = await open(browser, `/?incident=${encodeURIComponent(target.properties.event_id)}&map=10/32.72/36.12`);
    await mapReady(page);
    await expect.poll(() => page.locator(".leaflet-container").getAttribute("data-basemap")).toBe("ready");
    await expect.poll(() => selectedInPanel(page)).toBe(target.properties.event_id);
    await page.waitForTimeout(300);
    mkdirSync("tests/screenshots", { recursive: true });
    await page.screenshot({ path: "tests/screenshots/app.png" });
    await context.close();
  });
});
