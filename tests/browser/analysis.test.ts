// Analysis as a user works it: distance rings with band counts, hotspots whose radius can change, and
// another reference point picked on the map or from an incident.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { mapReady, open, useBrowser } from "./harness";
import type { IncidentCollection } from "@/lib/incident/model";
import { bandCounts } from "@/lib/analysis/bands";
import { hotspots } from "@/lib/analysis/hotspots";

const dataset = JSON.parse(readFileSync("geodata/incidents.geojson", "utf8")) as IncidentCollection;

const browserOf = useBrowser();

describe("distance rings", () => {
  it("draws the rings and counts incidents and fatalities per band, as the library does", async () => {
    const { context, page } = await open(browserOf(), "/?map=9/32.76632/36.22500");
    await mapReady(page);
    // The analysis panel's code is not part of the first load: it arrives when the rings are first switched on.
    await page.waitForLoadState("networkidle");
    const fetched: string[] = [];
    page.on("request", (r) => r.resourceType() === "script" && fetched.push(r.url()));
    await page.getByRole("checkbox", { name: "Distance rings", exact: true }).check();
    await expect.poll(() => page.locator("path.distance-ring").count()).toBe(4);
    await expect.poll(() => fetched.length).toBeGreaterThan(0);
    const expected = bandCounts(dataset.features);
    for (const row of expected) {
      const tr = page.locator(`.bands tr[data-band="${row.label}"]`);
      await expect(tr.locator('[data-field="incidents"]').innerText()).resolves.toBe(String(row.incidents));
      await expect(tr.locator('[data-field="fatalities"]').innerText()).resolves.toBe(String(row.fatalities));
    }
    await context.close();
  });

  it("a point picked on the map becomes the reference: rings and distances follow", async () => {
    const { context, page } = await open(browserOf(), "/?map=9/32.76632/36.22500&layers=incidents,rings");
    await mapReady(page);
    await expect(page.getByTestId("reference-name").innerText()).resolves.toBe("Daraa al-Balad");
    const before = await page.locator(".bands tbody").innerText();
    await page.getByRole("button", { name: "Pick a point on the map" }).click();
    const box = (await page.locator(".leaflet-container").boundingBox())!;
    await page.mouse.click(box.x + 60, box.y + box.height - 60);
    await expect.poll(() => page.getByTestId("reference-name").innerText()).not.toBe("Daraa al-Balad");
    expect(new URL(page.url()).searchParams.get("ref")).toMatch(/^-?\d+\.\d+,-?\d+\.\d+$/);
    await expect.poll(() => page.locator(".bands tbody").innerText()).not.toBe(before);
    await page.getByRole("button", { name: "Back to Daraa al-Balad" }).click();
    await expect.poll(() => page.getByTestId("reference-name").innerText()).toBe("Daraa al-Balad");
    await context.close();
  });
});

describe("hotspots", () => {
  it("outlines hotspots, and changing the radius recomputes them without reloading", async () => {
    const { context, page } = await open(browserOf(), "/?map=9/32.76632/36.22500");
    await mapReady(page);
    await page.getByRole("checkbox", { name: "Hotspots", exact: true }).check();
    const at = (radiusKm: number) => hotspots(dataset.features, { radiusKm, minPoints: 3 }).hotspots.features.length;
    await expect.poll(() => page.locator("path.hotspot-area").count()).toBe(at(2));
    await expect(page.getByTestId("hotspot-summary").innerText()).resolves.toMatch(/region-only left out/);
    const marker = await page.evaluate(() => performance.getEntriesByType("navigation").length);
    await page.getByLabel("Hotspot radius").fill("5");
    await expect.poll(() => page.locator("path.hotspot-area").count()).toBe(at(5));
    expect(at(5)).not.toBe(at(2));
    // Same document: no reload happened.
    expect(await page.evaluate(() => performance.getEntriesByType("navigation").length)).toBe(marker);
    await context.close();
  });
});
