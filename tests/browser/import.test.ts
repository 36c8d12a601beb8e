// Bringing your own incidents, as a user does: good files, bad files and hostile files through the file
// picker; what survives a reload; and the server's security headers.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { baseURL, mapReady, open, TILE_HOST, useBrowser } from "./harness";
import type { IncidentCollection } from "@/lib/incident/model";
import { importFile } from "@/lib/import";
import { importOneClick, keptInBrowser } from "./import-helpers";

const dataset = JSON.parse(readFileSync("geodata/incidents.geojson", "utf8")) as IncidentCollection;
const WIDE = "/?map=6/34.50000/37.00000";

const browserOf = useBrowser();

const shownCount = async (page: Page) => Number(await page.getByTestId("shown-count").innerText());

function incident(id: string, lng: number, lat: number, extra: Record<string, unknown> = {}) {
  return {
    type: "Feature",
    geometry: { type: "Point", coordinates: [lng, lat] },
    properties: { event_id: id, event_date: "2021-08-10", event_type: "Battles", sub_event_type: "Armed clash", actor1: "Test actor", fatalities: 1, location: "Test place", ...extra },
  };
}

async function upload(page: Page, name: string, content: string | Buffer, mimeType = "application/geo+json") {
  await importOneClick(page, name, content, mimeType);
}

describe("importing", () => {
  it("a good GeoJSON becomes its own layer, joins the count and the export, and survives a reload until removed", async () => {
    const { context, page } = await open(browserOf(), WIDE);
    await mapReady(page);
    const before = await shownCount(page);
    const fc = { type: "FeatureCollection", features: [incident("MY-1", 36.2, 32.7), incident("MY-2", 36.25, 32.75)] };
    await upload(page, "my-incidents.geojson", JSON.stringify(fc));
    await expect(page.getByTestId("import-report").innerText()).resolves.toMatch(/2 of 2 imported/);
    await expect.poll(() => shownCount(page)).toBe(before + 2);
    // The report says when it is kept, so a reload finds it.
    await keptInBrowser(page);
    const layer = page.getByRole("checkbox", { name: "my-incidents.geojson (2)" });
    await layer.uncheck();
    await expect.poll(() => shownCount(page)).toBe(before);
    await layer.check();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export GeoJSON" }).click()]);
    const exported = JSON.parse(readFileSync((await download.path())!, "utf8"));
    const ids = exported.features.map((f: { properties: { event_id: string } }) => f.properties.event_id);
    expect(ids).toContain("MY-1");
    expect(ids).toContain("MY-2");

    await page.reload();
    await mapReady(page);
    await expect.poll(() => shownCount(page)).toBe(before + 2);
    await page.getByRole("button", { name: "Remove my-incidents.geojson" }).click();
    await expect.poll(() => shownCount(page)).toBe(before);
    await page.reload();
    await mapReady(page);
    await expect.poll(() => shownCount(page)).toBe(before);
    await context.close();
  });

  it("an import kept before imports were stored as columns comes back after a reload, and is stored as columns", async () => {
    const { context, page } = await open(browserOf(), WIDE);
    await mapReady(page);
    const before = await shownCount(page);
    // What an earlier version kept: the import's result as GeoJSON objects.
    const fc = { type: "FeatureCollection", features: [incident("OLD-1", 36.2, 32.7), incident("OLD-2", 36.25, 32.75)] };
    const { collection, report } = await importFile(new TextEncoder().encode(JSON.stringify(fc)), "old.geojson", { idPrefix: "IMP1" });
    const record = { id: "IMP1", fileName: "old.geojson", importedAt: "2026-01-01T00:00:00.000Z", collection, report };
    const idb = (action: "put" | "get", value: unknown) =>
      page.evaluate(
        ([action, value]) =>
          new Promise<unknown>((resolve, reject) => {
            const open = indexedDB.open("daraa-incident-map", 1);
            open.onupgradeneeded = () => open.result.createObjectStore("imports", { keyPath: "id" });
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const store = open.result.transaction("imports", "readwrite").objectStore("imports");
              const req = action === "put" ? store.put(value) : store.get("IMP1");
              req.onsuccess = () => {
                const r = req.result as Record<string, unknown> | undefined;
                resolve(action === "get" && r ? { keys: Object.keys(r).sort(), columns: r.columns instanceof Blob } : null);
              };
              req.onerror = () => reject(req.error);
            };
          }),
        [action, value] as const,
      );
    await idb("put", record);
    await page.reload();
    await mapReady(page);
    await expect.poll(() => shownCount(page)).toBe(before + 2);
    await expect(page.getByRole("checkbox", { name: "old.geojson (2)" }).count()).resolves.toBe(1);
    // The columns are kept as a Blob, which IndexedDB stores apart from the record (its value is capped near 127 MB).
    await expect.poll(() => idb("get", null)).toEqual({ keys: ["columns", "fileName", "id", "importedAt", "report"], columns: true });
    await page.reload();
    await mapReady(page);
    await expect.poll(() => shownCount(page)).toBe(before + 2);
    await context.close();
  });

  it("a file dropped on the page is imported like a picked one", async () => {
    const { context, page } = await open(browserOf(), WIDE);
    await mapReady(page);
    const before = await shownCount(page);
    const text = JSON.stringify({ type: "FeatureCollection", features: [incident("DROP-1", 36.3, 32.8)] });
    const transfer = await page.evaluateHandle((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], "dropped.geojson", { type: "application/geo+json" }));
      return dt;
    }, text);
    await page.dispatchEvent(".app__map", "dragover", { dataTransfer: transfer });
    await page.dispatchEvent(".app__map", "drop", { dataTransfer: transfer });
    await page.locator("dialog.mapping[open]").waitFor();
    await page.keyboard.press("Enter");
    await page.getByTestId("import-report").waitFor();
    await expect(page.getByTestId("import-report").innerText()).resolves.toMatch(/dropped\.geojson: 1 of 1 imported/);
    await expect.poll(() => shownCount(page)).toBe(before + 1);
    await context.close();
  });

  it("a CSV of place names is geocoded; unresolved places are reported, not guessed", async () => {
    const { context, page } = await open(browserOf(), WIDE);
    await mapReady(page);
    const before = await shownCount(page);
    const csv = "event_id;event_date;event_type;place;fatalities\nP-1;2021-08-26;Explosions/Remote violence;Tafas;2\nP-2;2021-08-27;Battles;Xyzzyq Qwertz;0\n";
    await upload(page, "places.csv", csv, "text/csv");
    const report = page.getByTestId("import-report");
    await expect(report.innerText()).resolves.toMatch(/1 of 2 imported/);
    await expect(report.innerText()).resolves.toMatch(/1 unresolved/);
    await expect(report.innerText()).resolves.toContain("Xyzzyq Qwertz");
    await expect.poll(() => shownCount(page)).toBe(before + 1);
    await context.close();
  });

  it("Arabic in windows-1256 arrives as Arabic", async () => {
    const { context, page } = await open(browserOf(), WIDE);
    await mapReady(page);
    const bytes = readFileSync("tests/fixtures/import/arabic-windows-1256.csv");
    await upload(page, "arabic.csv", bytes, "text/csv");
    await expect(page.getByTestId("import-report").innerText()).resolves.toMatch(/windows-1256/);
    await expect.poll(() => page.locator(".list__place", { hasText: /[\u0600-\u06FF]/ }).count()).toBeGreaterThan(0);
    await context.close();
  });

  const badFiles: [string, string, RegExp][] = [
    ["not-json.geojson", "{ this is not json", /refused.*not valid JSON/s],
    ["huge-number.geojson", '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1e400,32.6]},"properties":{"event_id":"B-1","event_date":"2021-08-10","event_type":"Battles","location":"x"}}]}', /0 of 1 imported.*finite/s],
    ["deep.geojson", `{"type":"FeatureCollection","features":${"[".repeat(5000)}${"]".repeat(5000)}}`, /refused.*nested deeper/s],
  ];
  // Readable rows the old importer refused: kept now, flagged, with the report's one-click action.
  const flaggedFiles: [string, string, RegExp][] = [
    ["swapped.geojson", JSON.stringify({ type: "FeatureCollection", features: [incident("S-1", 32.6, 136.1)] }), /1 of 1 imported.*read swapped/s],
    ["dup.geojson", JSON.stringify({ type: "FeatureCollection", features: [incident(dataset.features[0].properties.event_id, 36.1, 32.6)] }), /1 of 1 imported.*already used.*imported as/s],
  ];
  for (const [name, content, message] of flaggedFiles) {
    it(`a readable row the importer doubts (${name}) comes in flagged, and "Drop" takes it off again`, async () => {
      const { context, page } = await open(browserOf(), WIDE);
      await mapReady(page);
      await upload(page, name, content);
      await expect(page.getByTestId("import-report").innerText()).resolves.toMatch(message);
      await expect(page.locator(".import__list li").count()).resolves.toBe(1);
      // The report's download: the flagged row's own cells (sent by the worker apart from the report) and its reason.
      const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("import-report").getByRole("button", { name: /Download the rejected and flagged rows/ }).click()]);
      const lines = readFileSync((await csv.path())!, "utf8").split("\r\n");
      expect(lines[0].split(",").length).toBeGreaterThan(5); // the file's own columns before the reasons
      expect(lines[1]).toMatch(/flagged: /);
      await page.getByTestId("import-report").getByRole("button", { name: "Drop this one" }).click();
      await expect.poll(() => page.locator(".import__list li").innerText()).toMatch(/\(0\)/);
      await context.close();
    });
  }

  for (const [name, content, message] of badFiles) {
    it(`a bad file (${name}) is reported with what was wrong, and changes nothing`, async () => {
      const { context, page } = await open(browserOf(), WIDE);
      await mapReady(page);
      const before = await shownCount(page);
      await upload(page, name, content);
      await expect(page.getByTestId("import-report").innerText()).resolves.toMatch(message);
      expect(await shownCount(page)).toBe(before);
      await expect(page.locator(".import__list li").count()).resolves.toBe(0);
      await context.close();
    });
  }
});

describe("hostile content", () => {
  it("markup in values and keys stays text everywhere, with the CSP bypassed so escaping is what holds", async () => {
    const context = await browserOf().newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.route(TILE_HOST, (r) => r.abort());
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(baseURL() + "/?map=12/32.61222/36.20000");
    await mapReady(page);
    const evil = '<img src=x onerror="window.__pwned=1">';
    const fc = {
      type: "FeatureCollection",
      features: [
        incident("H-1", 36.2, 32.6122, {
          location: evil,
          notes: '</textarea><svg onload="window.__pwned=2"><script>window.__pwned=3</script>',
          actor1: '"><img src=x onerror="window.__pwned=4">',
          source: "javascript:window.__pwned=5",
          source_url: "javascript:window.__pwned=6",
          [evil]: "key is data",
        }),
      ],
    };
    await upload(page, '<img src=x onerror="window.__pwned=7">.geojson', JSON.stringify(fc));
    await expect(page.getByTestId("import-report").innerText()).resolves.toMatch(/1 of 1 imported/);
    // Open it from the list, then look everywhere its text is shown.
    await page.locator(".list__place", { hasText: "<img" }).click();
    const details = page.getByRole("region", { name: "Incident details" });
    await expect(details.locator('[data-field="place"]').innerText()).resolves.toBe(evil);
    await expect(details.getByRole("link", { name: "Source link" }).count()).resolves.toBe(0);
    const marker = page.locator('.leaflet-marker-pane .incident-marker[data-event-id="H-1"]');
    await expect(marker.getAttribute("aria-label")).resolves.toContain("<img");
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it("only http(s) sources become links", async () => {
    const { context, page } = await open(browserOf(), "/?map=12/32.61222/36.20000");
    await mapReady(page);
    await upload(page, "links.geojson", JSON.stringify({ type: "FeatureCollection", features: [incident("L-1", 36.2, 32.6122, { source_url: "https://example.org/report" })] }));
    await page.locator('.list tr[data-event-id="L-1"] .list__place').click();
    const link = page.getByRole("region", { name: "Incident details" }).getByRole("link", { name: "Source link" });
    await expect(link.getAttribute("href")).resolves.toBe("https://example.org/report");
    await expect(link.getAttribute("rel")).resolves.toContain("noopener");
    await context.close();
  });
});

describe("CSV export", () => {
  it("exports the shown incidents as ACLED-style CSV that re-imports to the same values", async () => {
    const { context, page } = await open(browserOf(), WIDE);
    await mapReady(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").split("\r\n");
    expect(lines[1].startsWith("#")).toBe(true);
    const back = await importFile(new Uint8Array(bytes), "roundtrip.csv", { idPrefix: "RT" });
    expect(back.report.rejected).toEqual([]);
    const byId = new Map(back.collection.features.map((f) => [f.properties.event_id, f]));
    expect(byId.size).toBe(dataset.features.length);
    for (const f of dataset.features) {
      const g = byId.get(f.properties.event_id)!;
      for (const [k, v] of Object.entries(f.properties)) expect([k, g.properties[k]]).toEqual([k, v]);
      expect(g.geometry).toEqual(f.geometry);
    }
    await context.close();
  });
});

describe("server hardening", () => {
  it("pages carry a nonce CSP without unsafe-inline scripts; every response carries the security headers", async () => {
    const page = await fetch(`${baseURL()}/`);
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("https://tile.openstreetmap.org");
    for (const res of [page, await fetch(`${baseURL()}/api/incidents`)]) {
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    }
  });

  it("the app runs under its CSP with no violation", async () => {
    const context = await browserOf().newContext();
    const page = await context.newPage();
    await page.route(TILE_HOST, (r) => r.abort());
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(baseURL() + "/?layers=incidents,checkpoints,siege,rings,hotspots");
    await mapReady(page);
    await expect.poll(() => page.locator("path.distance-ring").count()).toBe(4);
    await expect.poll(() => page.getByTestId("hotspot-summary").count()).toBe(1);
    expect(violations).toEqual([]);
    await context.close();
  });
});
