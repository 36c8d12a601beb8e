// The dataset is the unit of the page, as a user meets it: an imported file frames the map and the timeline
// on itself (with "Back to the previous view"), each layer has "Zoom to", the Daraa dataset's context layers
// and distances belong to it alone, and a place found by name can become the reference point.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { mapReady, open, useBrowser } from "./harness";
import { importOneClick } from "./import-helpers";

const browserOf = useBrowser();

const GLOBAL = readFileSync("tests/fixtures/dataset/in/global-decade.geojson", "utf8");
const COLOMBIA = readFileSync("tests/fixtures/frame/colombia-2025.csv", "utf8");
const UNDATED = readFileSync("tests/fixtures/frame/sahel-undated.geojson", "utf8");
// The same places with no country column: the summary takes each one's country from its point.
const UNDATED_UNNAMED = JSON.stringify({
  ...JSON.parse(UNDATED),
  features: JSON.parse(UNDATED).features.map((f: { properties: Record<string, unknown> }) => ({ ...f, properties: { ...f.properties, country: undefined } })),
});
const DARAA = "2021 Daraa offensive: incidents";
// The Daraa dataset's own frame (geodata/datasets/daraa-2021.json, defaultView), as the map shows it.
const DARAA_VIEW = [35.75, 32.28, 36.7, 33.25];

type Box = [number, number, number, number];
const mapBox = async (page: Page): Promise<Box> => (await page.locator(".leaflet-container").getAttribute("data-bbox"))!.split(",").map(Number) as Box;
const holds = (outer: Box, inner: readonly number[]) => outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
const width = (b: Box) => b[2] - b[0];
const timelineSpan = async (page: Page) => (await page.getByTestId("timeline-svg").getAttribute("aria-label"))!;
const counts = async (page: Page) => {
  const text = await page.locator(".app__header p").first().innerText();
  const m = /(\d+) of (\d+) incidents shown/.exec(text);
  return m ? { shown: Number(m[1]), total: Number(m[2]) } : null;
};
/** Waits until the map's box has held for half a second (a fly's frames can repeat for one 50 ms poll), and returns it. */
async function settled(page: Page): Promise<Box> {
  let last = "";
  let since = 0;
  await expect.poll(async () => {
    const now = (await mapBox(page)).join();
    if (now !== last) [last, since] = [now, Date.now()];
    return Date.now() - since >= 500;
  }, { interval: 100 }).toBe(true);
  return mapBox(page);
}

/** Waits until the map has stopped at a box other than `before`, and returns it. */
async function movedFrom(page: Page, before: Box): Promise<Box> {
  await expect.poll(async () => (await mapBox(page)).join(), { timeout: 15_000 }).not.toBe(before.join());
  return settled(page);
}

/** Waits for the first markers, checks the map holds the Daraa dataset's view as they are drawn, and returns the box once settled. */
async function daraaFramed(page: Page): Promise<Box> {
  await mapReady(page);
  expect(holds(await mapBox(page), DARAA_VIEW)).toBe(true);
  return settled(page);
}

async function hideDaraa(page: Page) {
  await page.getByTestId("dataset-layers").getByRole("checkbox", { name: new RegExp(DARAA) }).uncheck();
}

describe("opening a dataset frames it", () => {
  it("the Daraa dataset alone opens on its own view and the offensive's weeks, with its context layers and distances", async () => {
    const { context, page, errors } = await open(browserOf(), "/");
    expect(width(await daraaFramed(page))).toBeLessThan(3);
    await expect.poll(() => timelineSpan(page)).toMatch(/from 2021-06-24 to 2021-09-06/);
    await expect.poll(() => page.title()).toBe(`${DARAA} — Incident map`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(DARAA);
    for (const name of ["Checkpoints", "Siege of Daraa al-Balad", "Daraa Governorate"]) await page.getByRole("checkbox", { name, exact: true }).waitFor();
    expect(await page.locator("path.context-area").count()).toBe(1);
    await page.getByRole("button", { name: "Zoom to 2021 Daraa offensive: incidents" }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the dataset's view frames the first markers even when its description comes after its incidents", async () => {
    const { context, page, errors } = await open(browserOf(), "/api/health");
    const columns = page.waitForResponse(/\/api\/incidents\/columns/).then((res) => res.finished());
    await page.route(/\/api\/datasets\/daraa-2021\/description/, async (route) => {
      await columns;
      await route.continue();
    });
    await page.goto(new URL("/?dataset=daraa-2021", page.url()).href);
    await daraaFramed(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a global file imported is framed with its ten years; hidden Daraa takes its context and distances along", async () => {
    const { context, page, errors } = await open(browserOf(), "/");
    const daraaBox = await daraaFramed(page);
    await expect(importOneClick(page, "global.geojson", GLOBAL, "application/geo+json")).resolves.toMatch(/20 of 20 imported/);
    const framed = await movedFrom(page, daraaBox);
    // Every continent's incidents in view: Mexico City to Dhaka, Lima to Kyiv.
    expect(holds(framed, [-99.1332, -12.0464, 90.4625, 50.5001])).toBe(true);
    await expect.poll(() => counts(page)).toEqual({ shown: 59, total: 59 });
    await expect.poll(() => timelineSpan(page)).toMatch(/from 2015-01-05 to 2024-12-20/);
    await expect.poll(() => page.title()).toBe(`${DARAA} + global.geojson — Incident map`);
    await page.screenshot({ path: "tests/screenshots/global-import.png" });

    await hideDaraa(page);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("global.geojson");
    await expect.poll(() => page.getByRole("checkbox", { name: "Checkpoints", exact: true }).count()).toBe(0);
    expect(await page.getByRole("checkbox", { name: "Siege of Daraa al-Balad" }).count()).toBe(0);
    expect(await page.locator("path.context-area, path.siege-area, .checkpoint-marker").count()).toBe(0);
    // No reference point: the list has no km column, the details no distance, the rings none to draw.
    await expect.poll(() => page.locator(".list table thead").innerText()).not.toMatch(/km/);
    await page.locator(".list__place").first().click();
    const details = page.getByRole("region", { name: "Incident details" });
    await details.getByRole("button", { name: "Measure from here" }).waitFor();
    expect(await details.innerText()).not.toMatch(/km from/);
    await page.getByRole("checkbox", { name: "Distance rings", exact: true }).check();
    await page.getByTestId("no-reference").waitFor();
    expect(await page.locator(".ring-label, [data-band]").count()).toBe(0);
    // "Measure from here" sets one: distances, and a way back to none.
    await details.getByRole("button", { name: "Measure from here" }).click();
    await expect.poll(() => details.innerText()).toMatch(/km from/);
    await page.getByRole("button", { name: "Clear the reference point" }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it("a one-country file of 2025 is framed on the country; Back returns; Zoom to frames each layer", async () => {
    const { context, page, errors } = await open(browserOf(), "/");
    const daraaBox = await daraaFramed(page);
    await expect(importOneClick(page, "colombia-2025.csv", COLOMBIA, "text/csv")).resolves.toMatch(/8 of 8 imported/);
    const colombia = await movedFrom(page, daraaBox);
    expect(holds(colombia, [-78.8156, 1.7986, -70.7591, 8.6392])).toBe(true);
    expect(width(colombia)).toBeLessThan(30);
    await expect.poll(() => timelineSpan(page)).toMatch(/from 2021-06-24 to 2025-12-20/);

    await page.getByRole("button", { name: "Back to the previous view" }).click();
    const back = await movedFrom(page, colombia);
    back.forEach((edge, i) => expect(edge).toBeCloseTo(daraaBox[i], 1));
    await expect.poll(() => page.getByRole("button", { name: "Back to the previous view" }).count()).toBe(0);

    await page.getByRole("button", { name: "Zoom to colombia-2025.csv" }).click();
    const again = await movedFrom(page, back);
    again.forEach((edge, i) => expect(edge).toBeCloseTo(colombia[i], 1));
    await page.getByRole("button", { name: `Zoom to ${DARAA}` }).click();
    // Framed on the dataset's own view, as it opened (the box's edges also depend on the map's size then).
    const daraa = await movedFrom(page, again);
    expect(holds(daraa, DARAA_VIEW)).toBe(true);
    expect(width(daraa)).toBeLessThan(3);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it("an undated file without countries is framed on its places, leaves the timeline to the dated ones, and is summarised by its points' countries and divisions", async () => {
    const { context, page, errors } = await open(browserOf(), "/");
    const daraaBox = await daraaFramed(page);
    await expect(importOneClick(page, "sahel.geojson", UNDATED_UNNAMED, "application/geo+json")).resolves.toMatch(/5 of 5 imported/);
    const sahel = await movedFrom(page, daraaBox);
    expect(holds(sahel, [-4.1976, 14.1022, 2.4053, 16.2717])).toBe(true);
    expect(width(sahel)).toBeLessThan(30);
    await expect.poll(() => timelineSpan(page)).toMatch(/from 2021-06-24 to 2021-09-06/);
    await expect.poll(() => page.getByTestId("undated-note").innerText()).toMatch(/5/);
    const summary = page.getByRole("region", { name: "Summary of sahel.geojson" });
    await expect.poll(() => summary.getByTestId("summary-country-from-point").innerText(), { timeout: 30_000 }).toMatch(/^5 placed in a country from their point/);
    const text = await summary.innerText();
    for (const line of ["Mali: 3", "Niger: 1", "Burkina Faso: 1"]) expect(text).toContain(line);
    // No admin1 either: each point's division is its nearest town's (POST /api/geocode/divisions).
    await expect.poll(() => summary.getByTestId("summary-division-from-point").innerText(), { timeout: 30_000 }).toMatch(/^5 placed in the division of the nearest town/);
    const divisions = await summary.innerText();
    for (const line of ["Gao, Mali: 1", "Mopti, Mali: 1", "Ménaka, Mali: 1", "Tillabéri Region, Niger: 1", "Sahel, Burkina Faso: 1"]) expect(divisions).toContain(line);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it("a file with three far-off incidents is framed on the rest, and says so", async () => {
    const { context, page } = await open(browserOf(), "/");
    const daraaBox = await daraaFramed(page);
    const text = readFileSync("tests/fixtures/dataset/in/coast-outliers.geojson", "utf8");
    await expect(importOneClick(page, "coast.geojson", text, "application/geo+json")).resolves.toMatch(/imported/);
    const coast = await movedFrom(page, daraaBox);
    expect(width(coast)).toBeLessThan(5);
    await expect.poll(() => page.getByTestId("frame-outliers").innerText()).toBe("3 far-off incidents not framed");
    await context.close();
  }, 90_000);

  it("a link that carries its own view keeps it", async () => {
    const { context, page } = await open(browserOf(), "/?map=6/34.50000/37.00000");
    await mapReady(page);
    const box = await mapBox(page);
    expect(width(box)).toBeGreaterThan(5);
    expect(/map=6\/34\.5/.test(page.url())).toBe(true);
    await context.close();
  });
});

describe("context labels", () => {
  it("show only at zooms where they fit: none at world zoom, the 18 positions' label in its area closer in", async () => {
    const label = (page: Page) => page.locator(".leaflet-tooltip-pane .checkpoint-area-label");
    // Closer in, how long the label takes to appear once the checkpoints are drawn: the absence below waits as long.
    const near = await open(browserOf(), "/?map=10/32.66/36.16");
    await near.page.locator(".checkpoint-marker").first().waitFor();
    const started = Date.now();
    await label(near.page).waitFor();
    const appeared = Date.now() - started;
    const [area, text] = await Promise.all([near.page.locator("path.checkpoint-area--unplaced").boundingBox(), label(near.page).boundingBox()]);
    expect(text!.width).toBeLessThanOrEqual(area!.width);
    expect(text!.height).toBeLessThanOrEqual(area!.height);
    await near.context.close();

    const { context, page, errors } = await open(browserOf(), "/?map=2/30.00000/30.00000");
    await page.locator(".checkpoint-marker").first().waitFor();
    const until = Date.now() + Math.max(3_000, 2 * appeared);
    while (Date.now() < until) {
      expect(await label(page).count()).toBe(0);
      await page.waitForTimeout(200);
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});

describe("place search", () => {
  it("flies to a place found by name, and can measure from it", async () => {
    const { context, page, errors } = await open(browserOf(), "/");
    // Where the map stands before the search, whatever its frame: the test is about the move to Nairobi.
    await mapReady(page);
    const daraaBox = await settled(page);
    await page.getByRole("searchbox", { name: "Search a place" }).fill("Nairobi");
    await page.getByRole("button", { name: "Find" }).click();
    const results = page.getByRole("list", { name: "Places found" });
    await page.locator(".place-search__results, .frame-bar button:has-text('Measure from here')").first().waitFor();
    if (await results.count()) await results.getByRole("button").first().click();
    const there = await movedFrom(page, daraaBox);
    expect(holds(there, [36.82, -1.29, 36.83, -1.28])).toBe(true);
    await page.locator(".frame-bar").getByRole("button", { name: "Measure from here" }).click();
    await page.getByRole("checkbox", { name: "Distance rings", exact: true }).check();
    await expect.poll(() => page.getByTestId("reference-name").innerText()).toMatch(/Nairobi/);
    await page.getByRole("button", { name: "Back to Daraa al-Balad" }).waitFor();
    // The link names the place, and reopens measuring from it by its name.
    const name = await page.getByTestId("reference-name").innerText();
    await expect.poll(() => new URL(page.url()).searchParams.get("refname")).toBe(name);
    const link = new URL(page.url());
    const colleague = await open(browserOf(), link.pathname + link.search);
    // Nairobi holds none of the Daraa incidents: no marker to wait for, only the name.
    await expect.poll(() => colleague.page.getByTestId("reference-name").innerText(), { timeout: 30_000 }).toBe(name);
    await colleague.context.close();
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
