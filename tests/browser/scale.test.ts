// The app at 100,000 incidents: a synthetic ACLED-like file saved as a public dataset (`npm run
// dataset:import`) in a database of its own, and a user who opens the page on it, waits for markers, pans
// and filters. The figures go to test-results/browser-metrics-100k.json;
// the bounds asserted are generous (a shared 2-core machine), the goals are in `npm run bench`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { CLUSTER, launch, MARKER, onScreen, TILE_HOST, urlView } from "./harness";
import { startServer, type Server } from "./server";
import { testDatabase, type TestPostgres } from "../support/postgres";
import type { IncidentFeature } from "@/lib/incident/model";

const COUNT = 100_000;
const file = join(tmpdir(), `incidents-synth-${COUNT}-seed1.geojson`);
const SLUG = "synth-100k";
const COLUMNS = `/api/incidents/columns?dataset=${SLUG}`;
const metrics: Record<string, number> = {};

let pg: TestPostgres;
let server: Server;
let browser: Browser;
beforeAll(async () => {
  const tsx = (...args: string[]) => [process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", ...args]] as const;
  execFileSync(...tsx("scripts/synth.ts", "--count", String(COUNT), "--seed", "1", "--out", file), { stdio: "inherit" });
  // A database of its own in the run's cluster (not the embedded store in data/, nor the other tests'
  // database, whose dataset lists would gain this one).
  pg = await testDatabase();
  const env = { DATABASE_URL: pg.url };
  execFileSync(...tsx("scripts/import-dataset.ts", file, "--slug", SLUG, "--name", "Synthetic incidents"), { stdio: "inherit", env: { ...process.env, ...env } });
  server = await startServer(env, `/api/incidents?dataset=${SLUG}&bbox=0,0,0.001,0.001`, 120_000);
  browser = await launch();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  server?.stop();
  await pg?.stop();
  mkdirSync("test-results", { recursive: true });
  writeFileSync("test-results/browser-metrics-100k.json", JSON.stringify(metrics, null, 2) + "\n");
  console.log("100k metrics:", metrics);
});

describe(`${COUNT.toLocaleString("en")} incidents`, () => {
  it("loads, draws clusters that account for every incident in view, pans and filters", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.route(TILE_HOST, (r) => r.abort());
    // The default dataset (40 incidents) first: its columns are requested once, from the HTML (the page's
    // fetch takes over the preload), and its first marker is the reference the 100k one is held to, as
    // the machine may be shared and loaded.
    let t0 = Date.now();
    await page.goto(`${server.baseURL}/`);
    await page.locator(`${MARKER}, ${CLUSTER}`).first().waitFor({ timeout: 60_000 });
    metrics.first_marker_ms_default = Date.now() - t0;
    expect(await page.locator('link[rel="preload"][href="/api/incidents/columns"]').count()).toBe(1);
    expect(await page.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.endsWith("/api/incidents/columns")).length)).toBe(1);
    // Warm the server's cache (the dataset's columns, built once per version): a server restart is not what is measured.
    await (await fetch(server.baseURL + COLUMNS)).arrayBuffer();
    const columns = page.waitForResponse((r) => r.url().endsWith(COLUMNS));
    t0 = Date.now();
    await page.goto(`${server.baseURL}/?dataset=${SLUG}&map=7/34.80000/38.50000`);
    // The dataset came as compact columns (lib/columns), not 58 MB of GeoJSON.
    const res = await columns;
    expect(res.headers()["content-type"]).toBe("application/vnd.incident-map.columns+gzip");
    metrics.transfer_kb_100k = Math.round((await res.body()).length / 1024);
    expect(metrics.transfer_kb_100k).toBeLessThan(8 * 1024);
    await page.locator(`${MARKER}, ${CLUSTER}`).first().waitFor({ timeout: 60_000 });
    metrics.first_marker_ms_100k = Date.now() - t0;
    // Requested once.
    expect(await page.evaluate((url) => performance.getEntriesByType("resource").filter((e) => e.name.endsWith(url)).length, COLUMNS)).toBe(1);
    // 20 s on a quiet machine (about 7 s measured), or five times the 40-incident page on a loaded one.
    expect(metrics.first_marker_ms_100k).toBeLessThan(Math.max(20_000, 5 * metrics.first_marker_ms_default));

    const shown = Number(await page.getByTestId("shown-count").innerText());
    expect(shown).toBeGreaterThan(COUNT * 0.5);
    const seen = await onScreen(page);
    // Clusters whose centre is off screen may hold incidents in view and vice versa; the sum is close.
    const drawn = seen.singles.length + seen.clusters.reduce((a, b) => a + b, 0);
    expect(Math.abs(drawn - shown) / shown).toBeLessThan(0.05);
    expect(seen.clusters.length).toBeLessThan(2000);

    // A drag moves the map and the markers follow within a frame budget a user would accept.
    const before = urlView(page)!;
    const box = (await page.locator(".leaflet-container").boundingBox())!;
    const t1 = Date.now();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2 + 30 * i, box.y + box.height / 2);
    await page.mouse.up();
    await expect.poll(() => urlView(page)!.lng).toBeLessThan(before.lng);
    metrics.drag_ms_100k = Date.now() - t1;

    const t2 = Date.now();
    await page.getByRole("checkbox", { name: /^Protests/ }).check();
    await expect.poll(async () => Number(await page.getByTestId("shown-count").innerText())).toBeLessThan(shown);
    metrics.filter_ms_100k = Date.now() - t2;
    await context.close();
  }, 180_000);

  it.each<[string, { status: number; contentType: string; body: Buffer }, RegExp]>([
    ["the server fails", { status: 500, contentType: "application/json", body: Buffer.from('{"error":"x"}') }, /Could not load the incidents: \/api\/incidents\/columns: HTTP 500/],
    ["the body is not gzip", { status: 200, contentType: "application/vnd.incident-map.columns+gzip", body: Buffer.from("<img src=x onerror=alert(1)>") }, /Could not load the incidents: .+/],
    ["the body is gzip of something else", { status: 200, contentType: "application/vnd.incident-map.columns+gzip", body: gzipSync('{"type":"FeatureCollection"}') }, /Could not load the incidents: incident columns: not an incident-columns body/],
  ])("says so when %s, instead of loading for ever", async (_, answer, message) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.route(TILE_HOST, (r) => r.abort());
    await page.route(/\/api\/incidents\/columns$/, (r) => r.fulfill(answer));
    await page.goto(`${server.baseURL}/`);
    await expect.poll(() => page.locator("header").innerText(), { timeout: 30_000 }).toMatch(message);
    expect(await page.locator("header img").count()).toBe(0);
    await context.close();
  }, 60_000);

  it("opens a link to one incident: selected, its details in full, and exported whole", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.route(TILE_HOST, (r) => r.abort());
    const source = JSON.parse(readFileSync(file, "utf8")).features[41_234] as IncidentFeature;
    const id = source.properties.event_id;
    await page.goto(`${server.baseURL}/?dataset=${SLUG}&incident=${id}`);
    const details = page.getByRole("region", { name: "Incident details" });
    await expect.poll(() => details.innerText(), { timeout: 60_000 }).toContain(id);
    // The notes travelled in a plain column, the type in a dictionary: both read as in the file.
    expect(await details.innerText()).toContain(source.properties.notes);
    expect(await details.innerText()).toContain(source.properties.event_type);
    await expect.poll(() => urlView(page)?.zoom).toBeGreaterThanOrEqual(12);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export GeoJSON" }).click()]);
    const exported = JSON.parse(readFileSync((await download.path())!, "utf8")) as { features: IncidentFeature[] };
    expect(exported.features.length).toBe(Number(await page.getByTestId("shown-count").innerText()));
    const mine = exported.features.find((f) => f.properties.event_id === id);
    expect(mine?.geometry).toEqual(source.geometry);
    // Every property as the file had it, then the dataset it came from.
    const properties: Record<string, unknown> = { ...mine?.properties };
    expect(typeof properties.dataset_name).toBe("string");
    delete properties.dataset;
    delete properties.dataset_name;
    expect(JSON.stringify(properties)).toBe(JSON.stringify({ ...source.properties }));
    await context.close();
  }, 120_000);
});
