// Time and filters as a user works them: brushing the timeline, playing it, ticking filters, sharing a
// link, going back, and exporting exactly what is shown.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { mapReady, onScreen, open, useBrowser } from "./harness";
import type { IncidentCollection } from "@/lib/incident/model";
import { applyFilter, type IncidentFilter } from "@/lib/incident/filter";
import { markerAnchor } from "@/lib/incident/anchor";
import { anchorInBbox } from "@/lib/incident/placed";

const dataset = JSON.parse(readFileSync("geodata/incidents.geojson", "utf8")) as IncidentCollection;
// Zoom 9 over the governorate: everything but the far-away protests is in view.
const GOVERNORATE = "/?map=9/32.76632/36.22500";

const browserOf = useBrowser();

const shownCount = async (page: Page) => Number(await page.getByTestId("shown-count").innerText());
const listRows = (page: Page) => page.locator(".list tbody tr");
const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

/** The ids a filter admits, by the library's own rule. */
function expectedIds(filter: IncidentFilter): string[] {
  const items = applyFilter(dataset.features, (f) => ({ properties: f.properties, anchor: null }), filter);
  return items.map((f) => f.properties.event_id).sort();
}

async function brush(page: Page, fromFraction: number, toFraction: number) {
  const box = (await page.getByTestId("timeline-svg").boundingBox())!;
  const y = box.y + box.height * 0.7;
  await page.mouse.move(box.x + box.width * fromFraction, y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + box.width * (fromFraction + ((toFraction - fromFraction) * i) / 8), y);
  await page.mouse.up();
}

describe("the timeline", () => {
  it("brushing a date range filters the map, the list and the count alike", async () => {
    const { context, page } = await open(browserOf(), GOVERNORATE);
    await mapReady(page);
    const before = await shownCount(page);
    await brush(page, 0.55, 0.8);
    await expect.poll(() => param(page, "from")).not.toBeNull();
    const from = param(page, "from")!;
    const to = param(page, "to")!;
    expect(from < to).toBe(true);
    await expect.poll(() => shownCount(page)).toBeLessThan(before);
    const count = await shownCount(page);
    await expect.poll(() => listRows(page).count()).toBe(count);
    const seen = await onScreen(page);
    expect(seen.singles.length + seen.clusters.reduce((a, b) => a + b, 0)).toBe(count);
    // Every listed incident overlaps the range; none is undated.
    const listed = await listRows(page).evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.eventId!));
    const expected = expectedIds({ from, to });
    for (const id of listed) expect(expected).toContain(id);
    await context.close();
  });

  it("play steps through the days, and pause stops it", async () => {
    const { context, page } = await open(browserOf(), GOVERNORATE);
    await mapReady(page);
    await page.getByLabel("Speed").selectOption("8");
    await page.getByRole("button", { name: "Play" }).click();
    await expect.poll(() => param(page, "to")).not.toBeNull();
    const first = param(page, "to")!;
    await expect.poll(() => param(page, "to")! > first, { timeout: 5000 }).toBe(true);
    await page.getByRole("button", { name: "Pause" }).click();
    const stopped = param(page, "to");
    await page.waitForTimeout(600);
    expect(param(page, "to")).toBe(stopped);
    await context.close();
  });

  it("undated incidents are counted and listed, not dropped", async () => {
    const undated = dataset.features.filter((f) => f.properties.event_date === null);
    expect(undated.length).toBeGreaterThan(0);
    const { context, page } = await open(browserOf(), "/?map=6/34.50000/37.00000");
    await mapReady(page);
    await expect(page.getByTestId("undated-note").innerText()).resolves.toContain(`${undated.length} undated`);
    await expect.poll(async () => (await page.locator(".list tbody .list__date").allInnerTexts()).filter((d) => d === "date not given").length).toBe(undated.length);
    await context.close();
  });
});

describe("filters", () => {
  it("ticking an event type shows only that type, with counts that say so beforehand", async () => {
    const { context, page } = await open(browserOf(), "/?map=6/34.50000/37.00000");
    await mapReady(page);
    const battles = dataset.features.filter((f) => f.properties.event_type === "Battles").length;
    const box = page.getByRole("checkbox", { name: /^Battles/ });
    // The filter counts follow the map by a painted frame, so they are polled.
    await expect.poll(() => box.locator("xpath=..").innerText()).toContain(`(${battles})`);
    await box.check();
    await expect.poll(() => shownCount(page)).toBe(battles);
    await expect.poll(() => listRows(page).count()).toBe(battles);
    expect(param(page, "types")).toBe("Battles");
    // Back undoes the filter.
    await page.goBack();
    await expect.poll(() => shownCount(page)).toBe(dataset.features.length);
    await expect(box.isChecked()).resolves.toBe(false);
    await page.goForward();
    await expect.poll(() => shownCount(page)).toBe(battles);
    await context.close();
  });

  it("export after filtering holds exactly the filtered incidents in view, and records the filter", async () => {
    const { context, page } = await open(browserOf(), `${GOVERNORATE}&fatal=some&from=2021-08-01&to=2021-08-31`);
    await mapReady(page);
    const view = await page.evaluate(() => location.search);
    const m = /map=([\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)/.exec(view)!;
    expect(m).not.toBeNull();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export GeoJSON" }).click()]);
    const json = JSON.parse(readFileSync((await download.path())!, "utf8"));
    expect(json.filters).toMatchObject({ from: "2021-08-01", to: "2021-08-31", fatalities: "some" });
    const bbox = json.filters.bbox as [number, number, number, number];
    const expected = applyFilter(dataset.features, (f) => ({ properties: f.properties, anchor: null }), { from: "2021-08-01", to: "2021-08-31", fatalities: "some" })
      .filter((f) => anchorInBbox({ anchor: markerAnchor(f.geometry) }, bbox))
      .map((f) => f.properties.event_id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(json.features.map((f: { properties: { event_id: string } }) => f.properties.event_id).sort()).toEqual(expected);
    await context.close();
  });
});

describe("the incident list", () => {
  it("choosing a row selects the incident on the map, and a marker click selects its row", async () => {
    const { context, page } = await open(browserOf(), "/?map=13/32.61222/36.10083");
    await mapReady(page);
    const row = page.locator(".list tbody tr").first();
    const id = (await row.getAttribute("data-event-id"))!;
    await row.locator(".list__place").click();
    await expect.poll(() => page.locator(".details__list").getAttribute("data-event-id")).toBe(id);
    // The stack that held it opens, and its marker is marked selected.
    await expect.poll(() => page.locator(`.leaflet-marker-pane .incident-marker[data-event-id="${id}"]`).getAttribute("class")).toMatch(/is-selected/);
    const other = page.locator(".leaflet-marker-pane .incident-marker:not(.is-selected)").first();
    const otherId = (await other.getAttribute("data-event-id"))!;
    await other.click();
    await expect.poll(() => page.locator(".list tbody tr.is-selected").getAttribute("data-event-id")).toBe(otherId);
    await context.close();
  });
});

describe("shareable views", () => {
  it("a copied link opens the same view, dates, filters, selection and layers in a fresh page", async () => {
    const { context, page } = await open(browserOf(), GOVERNORATE);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await mapReady(page);
    await page.getByRole("checkbox", { name: /^Explosions\/Remote violence/ }).check();
    await page.getByRole("checkbox", { name: "Checkpoints", exact: true }).uncheck();
    await page.getByLabel("From", { exact: true }).fill("2021-08-01");
    await page.getByLabel("To", { exact: true }).fill("2021-08-31");
    const first = page.locator(".list__place").first();
    await first.click();
    const id = (await page.locator(".list tbody tr.is-selected").getAttribute("data-event-id"))!;
    await page.getByRole("button", { name: "Copy link" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Link copied" }).count()).toBe(1);
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(page.url());
    const count = await shownCount(page);

    const fresh = await context.newPage();
    await fresh.route(/tile\.openstreetmap\.org/, (r) => r.abort());
    await fresh.goto(link);
    await mapReady(fresh);
    await expect.poll(() => fresh.locator(".details__list").getAttribute("data-event-id")).toBe(id);
    await expect(fresh.getByRole("checkbox", { name: /^Explosions\/Remote violence/ }).isChecked()).resolves.toBe(true);
    await expect(fresh.getByRole("checkbox", { name: "Checkpoints", exact: true }).isChecked()).resolves.toBe(false);
    await expect(fresh.getByLabel("From", { exact: true }).inputValue()).resolves.toBe("2021-08-01");
    await expect(fresh.getByLabel("To", { exact: true }).inputValue()).resolves.toBe("2021-08-31");
    await expect.poll(() => shownCount(fresh)).toBe(count);
    expect(param(fresh, "map")).toBe(param(page, "map"));
    await context.close();
  });

  it("the siege is drawn only while it lasted", async () => {
    const { context, page } = await open(browserOf(), "/?map=13/32.61222/36.10083&from=2021-06-01&to=2021-06-20");
    await mapReady(page).catch(() => undefined);
    await page.locator(".leaflet-container").waitFor();
    await page.waitForTimeout(500);
    await expect(page.locator("path.siege-area").count()).resolves.toBe(0);
    await page.getByLabel("To", { exact: true }).fill("2021-07-01");
    await expect.poll(() => page.locator("path.siege-area").count()).toBe(1);
    await context.close();
  });
});
