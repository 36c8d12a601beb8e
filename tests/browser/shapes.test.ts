// The shapes beside the markers: road incidents drawn as lines, and an area drawn only for the selected
// incident (a region's outline would otherwise cover the map and read as a place).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { mapReady, open, useBrowser } from "./harness";
import type { IncidentCollection } from "@/lib/incident/model";

const dataset = JSON.parse(readFileSync("geodata/incidents.geojson", "utf8")) as IncidentCollection;
const roads = dataset.features.filter((f) => f.geometry.type === "LineString").length;
const areas = dataset.features.filter((f) => f.geometry.type === "Polygon" || f.geometry.type === "MultiPolygon");

const browserOf = useBrowser();
// Road lines are the overlay's only paths dashed "6 4".
const ROAD = '.leaflet-overlay-pane path[stroke-dasharray="6 4"]';

describe("incident shapes", () => {
  it("draws every road incident as a line", async () => {
    expect(roads).toBeGreaterThan(0);
    const { context, page } = await open(browserOf(), "/?map=9/32.76632/36.22500");
    await mapReady(page);
    await expect.poll(() => page.locator(ROAD).count()).toBe(roads);
    await context.close();
  });

  it("outlines an area only while its incident is selected", async () => {
    expect(areas.length).toBeGreaterThan(1);
    const [first, second] = areas.map((f) => f.properties.event_id);
    const { context, page } = await open(browserOf(), `/?map=9/32.76632/36.22500&incident=${first}`);
    await mapReady(page);
    await expect.poll(() => page.locator("path.selected-area").count()).toBe(1);
    await page.getByRole("region", { name: "Incident details" }).getByRole("button", { name: "Close" }).click();
    await expect.poll(() => page.locator("path.selected-area").count()).toBe(0);
    await page.goBack();
    await expect.poll(() => page.locator("path.selected-area").count()).toBe(1);
    await page.goto(`${new URL(page.url()).origin}/?map=9/32.76632/36.22500&incident=${second}`);
    await mapReady(page);
    await expect.poll(() => page.locator("path.selected-area").count()).toBe(1);
    await context.close();
  });
});
