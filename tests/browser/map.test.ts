// The map as a user meets it: loading, dragging, clicking and keyboard, layers, links, export, offline.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { distance } from "@turf/turf";
import type { Browser, Page } from "playwright-core";
import { launch, open, MARKER, urlView } from "./harness";
import { incidentIssues } from "@/lib/validate";
import type { IncidentCollection } from "@/lib/incident";
import { DARAA_AL_BALAD } from "@/lib/reference";
import { GEOJSON_MEDIA_TYPE } from "@/lib/export";

const dataset = JSON.parse(readFileSync("geodata/incidents.geojson", "utf8")) as IncidentCollection;
const checkpoints = JSON.parse(readFileSync("geodata/checkpoints.geojson", "utf8")) as { features: { geometry: unknown }[] };
const byId = new Map(dataset.features.map((f) => [f.properties.event_id, f]));
const metrics: Record<string, number> = {};

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

/** event_ids of the markers whose element lies inside the map's box on screen. */
async function markersOnScreen(page: Page): Promise<string[]> {
  return page.evaluate((sel) => {
    const map = document.querySelector(".leaflet-container")!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>(sel)]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        return x >= map.left && x <= map.right && y >= map.top && y <= map.bottom;
      })
      .map((el) => el.dataset.eventId!)
      .sort();
  }, MARKER);
}

async function firstVisibleMarker(page: Page) {
  const ids = await markersOnScreen(page);
  expect(ids.length).toBeGreaterThan(0);
  return page.locator(`${MARKER}[data-event-id="${ids[0]}"]`);
}

describe("loading the map", () => {
  it("draws one marker per incident, with scale bar, attribution and zoom, and records how fast", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.route(/tile\.openstreetmap\.org/, (r) => r.abort("internetdisconnected"));
    const scripts: Promise<number>[] = [];
    page.on("response", (res) => {
      if (res.request().resourceType() === "script") scripts.push(res.body().then((b) => gzipSync(b).length, () => 0));
    });
    const { baseURL } = await import("./harness");
    const t0 = Date.now();
    await page.goto(baseURL() + "/");
    await page.locator(MARKER).first().waitFor();
    metrics.first_marker_ms = Date.now() - t0;
    await page.waitForLoadState("networkidle");
    metrics.first_load_js_gzip_kb = Math.round((await Promise.all(scripts)).reduce((a, b) => a + b, 0) / 102.4) / 10;

    await expect.poll(() => page.locator(MARKER).count()).toBe(dataset.features.length);
    await expect(page.locator(".leaflet-control-scale").isVisible()).resolves.toBe(true);
    await expect(page.locator(".leaflet-control-attribution").innerText()).resolves.toMatch(/OpenStreetMap/);
    await expect(page.getByRole("button", { name: "Zoom in" }).isVisible()).resolves.toBe(true);
    await context.close();
  });

  it("gives every marker a unique accessible name with place and date", async () => {
    const { context, page } = await open(browser);
    await page.locator(MARKER).first().waitFor();
    const names = await page.locator(MARKER).evaluateAll((els) => els.map((el) => el.getAttribute("aria-label") ?? ""));
    expect(new Set(names).size).toBe(names.length);
    for (const el of await page.locator(MARKER).all()) {
      const id = (await el.getAttribute("data-event-id"))!;
      const p = byId.get(id)!.properties;
      const name = (await el.getAttribute("aria-label"))!;
      expect(name.startsWith(`${p.location}, ${p.event_date ?? "date not given"}`)).toBe(true);
    }
    await context.close();
  });

  it("keeps incidents at the same spot apart on screen, so each can be clicked", async () => {
    const { context, page } = await open(browser);
    await page.locator(MARKER).first().waitFor();
    const groups = new Map<string, string[]>();
    for (const f of dataset.features) {
      if (f.geometry.type !== "Point") continue;
      const key = f.geometry.coordinates.map((n) => n.toFixed(6)).join(",");
      groups.set(key, [...(groups.get(key) ?? []), f.properties.event_id]);
    }
    const stacks = [...groups.values()].filter((ids) => ids.length > 1);
    for (const ids of stacks) {
      const centres = await Promise.all(
        ids.map(async (id) => {
          const box = (await page.locator(`${MARKER}[data-event-id="${id}"]`).boundingBox())!;
          return [box.x + box.width / 2, box.y + box.height / 2];
        }),
      );
      for (let i = 0; i < centres.length; i++)
        for (let j = i + 1; j < centres.length; j++)
          expect(Math.hypot(centres[i][0] - centres[j][0], centres[i][1] - centres[j][1])).toBeGreaterThanOrEqual(16);
    }
    // Each member of the first stack opens its own details.
    for (const id of stacks[0] ?? []) {
      await page.locator(`${MARKER}[data-event-id="${id}"]`).click();
      await expect.poll(() => page.locator(".details__list").getAttribute("data-event-id")).toBe(id);
    }
    await context.close();
  });
});

describe("moving around", () => {
  it("dragging the map moves the view and the URL follows", async () => {
    const { context, page } = await open(browser);
    await page.locator(MARKER).first().waitFor();
    await expect.poll(() => urlView(page)).not.toBeNull();
    const before = urlView(page)!;
    const box = (await page.locator(".leaflet-container").boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2 + 100];
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
    await page.locator(MARKER).first().waitFor();
    await expect.poll(() => urlView(page)).not.toBeNull();
    const before = urlView(page)!;
    await page.locator(".leaflet-container").focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
    await expect.poll(() => urlView(page)!.lng).toBeGreaterThan(before.lng);
    await context.close();
  });

  it("a link with view and incident reopens both", async () => {
    const target = dataset.features.find((f) => f.geometry.type === "Point")!;
    const [lng, lat] = target.geometry.coordinates as number[];
    const { context, page } = await open(browser, `/?map=11/${lat.toFixed(5)}/${lng.toFixed(5)}&incident=${encodeURIComponent(target.properties.event_id)}`);
    await page.locator(MARKER).first().waitFor();
    await expect.poll(() => page.locator(".details__list").getAttribute("data-event-id")).toBe(target.properties.event_id);
    const view = urlView(page)!;
    expect(view.zoom).toBe(11);
    expect(Math.abs(view.lat - lat)).toBeLessThan(1e-3);
    expect(Math.abs(view.lng - lng)).toBeLessThan(1e-3);
    await expect(page.locator(`${MARKER}[data-event-id="${target.properties.event_id}"]`).getAttribute("class")).resolves.toMatch(/is-selected/);
    await context.close();
  });
});

describe("reading an incident", () => {
  it("clicking a marker shows place, date and distance from Daraa al-Balad", async () => {
    const { context, page } = await open(browser);
    await page.locator(MARKER).first().waitFor();
    const marker = await firstVisibleMarker(page);
    const id = (await marker.getAttribute("data-event-id"))!;
    await marker.click();
    const panel = page.getByRole("region", { name: "Incident details" });
    const f = byId.get(id)!;
    await expect.poll(() => panel.locator('[data-field="place"]').innerText()).toBe(f.properties.location);
    await expect(panel.locator('[data-field="date"]').innerText()).resolves.toContain(f.properties.event_date ?? "date not given");
    await expect(panel.locator('[data-field="quote"]').innerText()).resolves.toBe(f.properties.source_quote);
    const km = Number((await panel.locator('[data-field="distance"]').innerText()).replace(" km", ""));
    if (f.geometry.type === "Point") {
      const expected = distance(DARAA_AL_BALAD.geometry.coordinates, f.geometry.coordinates, { units: "kilometers" });
      expect(Math.abs(km - expected)).toBeLessThanOrEqual(0.05);
    }
    expect(new URL(page.url()).searchParams.get("incident")).toBe(id);
    await context.close();
  });

  it("a marker reached with Tab opens with Enter", async () => {
    const { context, page } = await open(browser);
    await page.locator(MARKER).first().waitFor();
    let focused: string | null = null;
    for (let i = 0; i < 80 && !focused; i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset?.eventId ?? null);
    }
    expect(focused).not.toBeNull();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".details__list").getAttribute("data-event-id")).toBe(focused);
    await context.close();
  });
});

describe("layers", () => {
  const cases = [
    { name: "Checkpoints", selector: ".leaflet-marker-pane .checkpoint-marker, path.checkpoint-area" },
    { name: "Siege of Daraa al-Balad", selector: "path.siege-area" },
    { name: "Incidents", selector: MARKER },
  ];
  for (const { name, selector } of cases) {
    it(`unticking "${name}" takes its features off the map, ticking brings them back`, async () => {
      const { context, page } = await open(browser);
      await page.locator(MARKER).first().waitFor();
      const count = await page.locator(selector).count();
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
    const { context, page } = await open(browser);
    await page.locator(MARKER).first().waitFor();
    await expect(page.locator(".layers__note li").count()).resolves.toBe(unplaced);
    await context.close();
  });
});

describe("export", () => {
  it('"Export GeoJSON" downloads exactly the incidents the map shows, valid RFC 7946', async () => {
    const { context, page } = await open(browser, "/?map=11/32.64/36.08");
    await page.locator(MARKER).first().waitFor();
    await expect.poll(() => urlView(page)?.zoom).toBe(11);
    const onScreen = await markersOnScreen(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export GeoJSON" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.geojson$/);
    const text = readFileSync((await download.path())!, "utf8");
    const json = JSON.parse(text);
    expect(incidentIssues(json)).toEqual([]);
    expect(json.crs).toBeUndefined();
    expect(typeof json.name).toBe("string");
    expect(json.bbox).toHaveLength(4);
    const ids = json.features.map((f: { properties: { event_id: string } }) => f.properties.event_id).sort();
    expect(ids).toEqual(onScreen);
    for (const f of json.features) {
      for (const n of JSON.stringify(f.geometry.coordinates).match(/-?\d+\.\d+/g) ?? []) expect(n.split(".")[1].length).toBeLessThanOrEqual(6);
    }
    await context.close();
  });

  it("GET /api/incidents serves the same collection as application/geo+json", async () => {
    const { baseURL } = await import("./harness");
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
    await page.locator(MARKER).first().waitFor();
    await expect.poll(() => page.locator(".leaflet-container").getAttribute("data-basemap")).toBe("ready");
    expect(await page.locator(".leaflet-basemap-fill-pane path").count()).toBeGreaterThan(10);
    await expect(page.locator(".town-label", { hasText: /^Daraa$/ }).first().isVisible()).resolves.toBe(true);
    await expect.poll(() => page.locator(".layers__base").innerText()).toMatch(/offline/);
    expect(await page.locator(".leaflet-tile-loaded").count()).toBe(0);
    mkdirSync("tests/screenshots", { recursive: true });
    const marker = await firstVisibleMarker(page);
    await marker.click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: "tests/screenshots/app.png" });
    await context.close();
  });

  it("uses OpenStreetMap tiles when they load", async () => {
    // A 1×1 PNG stands in for the tile server.
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==", "base64");
    const { context, page } = await open(browser, "/", { tiles: png });
    await page.locator(MARKER).first().waitFor();
    await expect.poll(() => page.locator(".leaflet-tile-loaded").count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator(".layers__base").innerText()).toMatch(/OpenStreetMap tiles/);
    await context.close();
  });
});
