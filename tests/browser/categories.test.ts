// A file's own event types, as a user meets them: imported through the file picker, each gets a legend
// entry with its count and style, a filter that survives the link and a reload, and markers in its colour;
// a category made of markup stays text.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { open, useBrowser } from "./harness";
import { importOneClick, keptInBrowser } from "./import-helpers";

const browserOf = useBrowser();
const VIEW = "/?map=12/32.90000/36.60000";
const EVIL = "<img src=x onerror=alert(1)>";

// Shelling twice (the busiest own category: Paul Tol's first muted colour), a type left blank
// (Unclassified), a hostile name, and one of ACLED's for comparison.
const CSV = [
  "event_id,event_date,event_type,location,latitude,longitude,fatalities",
  "CAT-1,2021-08-10,Shelling,East,32.90,36.55,1",
  "CAT-2,2021-08-11,Shelling,West,32.90,36.65,0",
  "CAT-3,2021-08-12,,North,32.95,36.60,0",
  `CAT-4,2021-08-13,${EVIL},South,32.85,36.60,0`,
  "CAT-5,2021-08-13,battles,Centre,32.90,36.60,2",
].join("\n");

// No dataset incident is in this view: the page is ready when it counts what it shows.
const ready = (page: Page) => page.getByTestId("shown-count").waitFor();
const shownCount = async (page: Page) => Number(await page.getByTestId("shown-count").innerText());
const marker = (page: Page, id: string) => page.locator(`.leaflet-marker-pane .incident-marker[data-event-id="${id}"]`);
const colourOf = (page: Page, id: string) => marker(page, id).evaluate((el) => (el as HTMLElement).style.getPropertyValue("--c"));
const typeBox = (page: Page, name: string | RegExp) => page.getByRole("group", { name: "Event type" }).getByRole("checkbox", { name });

describe("a file's own event types", () => {
  it("get a legend entry, a colour, and a filter that survives the link; markup in a name stays text", async () => {
    const { context, page, errors } = await open(browserOf(), VIEW);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await ready(page);
    const before = await shownCount(page);
    await importOneClick(page, "own-types.csv", CSV, "text/csv");
    await expect(page.getByTestId("import-report").innerText()).resolves.toMatch(/5 of 5 imported/);
    await expect.poll(() => shownCount(page)).toBe(before + 5);
    await keptInBrowser(page);

    // The legend: ACLED's six as before, then the file's own by count, then Unclassified.
    const legend = page.locator(".legend li.legend__category");
    const entries = (await legend.allTextContents()).map((t) => t.trim());
    expect(entries.slice(0, 6).map((t) => t.replace(/ \(\d+\)$/, ""))).toEqual([
      "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments",
    ]);
    expect(entries.slice(6)).toEqual(["Shelling (2)", `${EVIL} (1)`, "Unclassified (1)"]);
    const swatch = legend.nth(6).locator(".legend__swatch");
    await expect(swatch.getAttribute("class")).resolves.toContain("incident-marker--pentagon");
    await expect(swatch.evaluate((el) => (el as HTMLElement).style.getPropertyValue("--c"))).resolves.toBe("#332288");

    // Markers: the legend's styles; ACLED's types as ever.
    await expect.poll(() => marker(page, "CAT-1").count()).toBe(1);
    await expect(colourOf(page, "CAT-1")).resolves.toBe("#332288");
    await expect(marker(page, "CAT-1").getAttribute("class")).resolves.toContain("incident-marker--pentagon");
    await expect(colourOf(page, "CAT-3")).resolves.toBe("#8C8C8C");
    await expect(colourOf(page, "CAT-4")).resolves.toBe("#88CCEE");
    await expect(colourOf(page, "CAT-5")).resolves.toBe("#D55E00");

    // The filter on a file's own category, written into the link and read back after a reload.
    await typeBox(page, /^Shelling/).check();
    await expect.poll(() => shownCount(page)).toBe(2);
    await expect.poll(() => new URL(page.url()).searchParams.get("types")).toBe("Shelling");
    await typeBox(page, /^<img/).check();
    await expect.poll(() => shownCount(page)).toBe(3);
    await expect.poll(() => new URL(page.url()).searchParams.get("types")).toBe(`${EVIL},Shelling`);
    await page.reload();
    await ready(page);
    await expect.poll(() => shownCount(page)).toBe(3);
    await expect(typeBox(page, /^Shelling/).isChecked()).resolves.toBe(true);
    await expect(typeBox(page, /^<img/).isChecked()).resolves.toBe(true);
    await expect(typeBox(page, /^Unclassified/).isChecked()).resolves.toBe(false);

    // The hostile name was text everywhere it was shown: legend, filters, details.
    await page.locator(".list__place", { hasText: "South" }).click();
    // The details' code loads on first use: the panel says "Loading…" until it is here.
    await expect.poll(() => page.getByRole("region", { name: "Incident details" }).innerText()).toContain(EVIL);
    await page.waitForTimeout(300);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
