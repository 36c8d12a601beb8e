// The page on a phone (390×844, touch), as a user holds it: the map stays on screen, a tapped marker's
// details open in a sheet over the bottom of the map, the panels open from buttons over the map, and every
// control is big enough for a finger.
import { describe, expect, it } from "vitest";
import { mkdirSync, readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { mapReady, MARKER, open, useBrowser } from "./harness";
import type { IncidentCollection } from "@/lib/incident/model";
import { markerAnchor } from "@/lib/incident/anchor";
import { distance } from "@turf/turf";

const PHONE = { width: 390, height: 844 };
// The same phone held sideways, and a tablet (701–1000 px wide) held upright.
const LANDSCAPE = { width: 844, height: 390 };
const TABLET = { width: 820, height: 1180 };
// WCAG 2.2's minimum target size (2.5.8).
const MIN_TARGET = 24;

const dataset = JSON.parse(readFileSync("geodata/incidents.geojson", "utf8")) as IncidentCollection;
// The incident farthest from any other: a single marker in the middle of the map at zoom 13.
const LONER = (() => {
  const anchors = dataset.features.map((f) => markerAnchor(f.geometry));
  const gap = (i: number) => Math.min(...anchors.filter((_, j) => j !== i).map((a) => distance(a, anchors[i])));
  const best = anchors.map((_, i) => i).reduce((a, b) => (gap(b) > gap(a) ? b : a));
  const [lng, lat] = anchors[best];
  return { id: dataset.features[best].properties.event_id, lat, lng, path: `/?map=13/${lat.toFixed(5)}/${lng.toFixed(5)}` };
})();

const browserOf = useBrowser();

const openPhone = (path = "/", viewport = PHONE) => open(browserOf(), path, { viewport, touch: true });

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}
const boxOf = async (page: Page, selector: string): Promise<Box> =>
  page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  });
const inViewport = (b: Box, screen = PHONE) => b.top >= 0 && b.left >= 0 && b.bottom <= screen.height + 0.5 && b.right <= screen.width + 0.5;
/** How far the page itself scrolls, and has scrolled: both 0 when the page fits the screen. */
const scrolling = (page: Page) =>
  page.evaluate(() => ({
    overflow: document.documentElement.scrollHeight - window.innerHeight,
    overflowX: document.documentElement.scrollWidth - window.innerWidth,
    scrollY: window.scrollY,
  }));

/** The visible buttons, links and form controls smaller than a fingertip target, named for the message. */
async function smallControls(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    // Map markers a finger taps (incidents, clusters, checkpoints) count as controls; labels and dots do not.
    const controls = document.querySelectorAll<HTMLElement>("button, a[href], input, select, textarea, summary, [role=button], [role=link], [role=checkbox], .leaflet-marker-icon.leaflet-interactive");
    return [...controls]
      .filter((el) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
      // A visually hidden file input is reached through its label, which is checked as the button it looks like.
      .filter((el) => !el.closest(".visually-hidden"))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width < min - 0.01 || r.height < min - 0.01;
      })
      .map((el) => {
        const r = el.getBoundingClientRect();
        const name = el.getAttribute("aria-label") ?? el.getAttribute("title") ?? el.textContent?.trim().slice(0, 30) ?? "";
        return `${el.className.includes("leaflet-marker-icon") ? "marker " : ""}${el.tagName.toLowerCase()}${el.getAttribute("type") ? `[${el.getAttribute("type")}]` : ""} "${name}" ${r.width.toFixed(0)}×${r.height.toFixed(0)}`;
      });
  }, MIN_TARGET);
}

/** Taps the marker of `id` where it is drawn, as a finger would (no scrolling it into view first). */
async function tapMarker(page: Page, id: string) {
  const box = await boxOf(page, `${MARKER}[data-event-id="${id}"]`);
  await page.touchscreen.tap((box.left + box.right) / 2, (box.top + box.bottom) / 2);
}

const details = (page: Page) => page.getByRole("region", { name: "Incident details" });
const selectedInPanel = (page: Page) => details(page).locator(".details__list").getAttribute("data-event-id", { timeout: 2000 }).catch(() => null);

describe("the page on a phone", () => {
  it("fits the screen: the map is on it and the page does not scroll", async () => {
    const { context, page } = await openPhone();
    await mapReady(page);
    const { overflow, overflowX } = await scrolling(page);
    console.log(`phone: the page is ${overflow} px taller and ${overflowX} px wider than the screen`);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(overflowX).toBeLessThanOrEqual(0);
    const map = await boxOf(page, ".leaflet-container");
    expect(inViewport(map)).toBe(true);
    // Most of the screen is map.
    expect(map.bottom - map.top).toBeGreaterThan(PHONE.height / 2);
    // The markers a finger taps are targets of 24 px, whatever the size of the symbol drawn in them.
    await page.locator(".leaflet-marker-icon.checkpoint-marker").first().waitFor();
    const markers = await page.locator(".leaflet-marker-icon.leaflet-interactive").evaluateAll((els) => els.map((el) => [el.className.split(" ")[1], el.getBoundingClientRect().width, el.getBoundingClientRect().height] as const));
    console.log(`phone: ${markers.length} markers, the smallest ${Math.min(...markers.map(([, w, h]) => Math.min(w, h)))} px`);
    expect(markers.some(([c]) => c === "checkpoint-marker")).toBe(true);
    expect(markers.filter(([, w, h]) => w < MIN_TARGET || h < MIN_TARGET)).toEqual([]);
    await context.close();
  });

  it("a tapped marker's details open over the bottom of the map, without scrolling; close and Escape return to the map", async () => {
    const { context, page, errors } = await openPhone(LONER.path);
    await page.locator(`${MARKER}[data-event-id="${LONER.id}"]`).waitFor();
    await tapMarker(page, LONER.id);
    await expect.poll(() => selectedInPanel(page)).toBe(LONER.id);
    const sheet = await boxOf(page, ".details");
    const map = await boxOf(page, ".leaflet-container");
    const { scrollY } = await scrolling(page);
    console.log(`phone: after the tap, scrollY ${scrollY}; details ${sheet.top.toFixed(0)}–${sheet.bottom.toFixed(0)} px, map ${map.top.toFixed(0)}–${map.bottom.toFixed(0)} px`);
    expect(scrollY).toBe(0);
    expect(inViewport(sheet)).toBe(true);
    expect(inViewport(map)).toBe(true);
    // The sheet covers the bottom of the map, and leaves its top half visible above it.
    expect(sheet.top).toBeGreaterThan(map.top + (map.bottom - map.top) / 2 - 1);
    expect(sheet.top).toBeLessThan(map.bottom);
    mkdirSync("tests/screenshots", { recursive: true });
    await page.screenshot({ path: "tests/screenshots/phone.png" });

    await details(page).getByRole("button", { name: "Close" }).tap();
    await expect.poll(() => details(page).isVisible()).toBe(false);
    await tapMarker(page, LONER.id);
    await expect.poll(() => selectedInPanel(page)).toBe(LONER.id);
    await page.keyboard.press("Escape");
    await expect.poll(() => details(page).isVisible()).toBe(false);
    expect((await scrolling(page)).scrollY).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a marker tapped low on the map is moved above the details sheet, so the user sees what they chose", async () => {
    // The loner about 250 px below the map's centre at zoom 13: where the details sheet will cover it.
    const { context, page } = await openPhone(`/?map=13/${(LONER.lat + 0.035).toFixed(5)}/${LONER.lng.toFixed(5)}`);
    const marker = `${MARKER}[data-event-id="${LONER.id}"]`;
    await page.locator(marker).waitFor();
    expect((await boxOf(page, marker)).top).toBeGreaterThan(PHONE.height * 0.65);
    await tapMarker(page, LONER.id);
    await expect.poll(() => selectedInPanel(page)).toBe(LONER.id);
    const sheetTop = (await boxOf(page, ".details")).top;
    await expect.poll(async () => (await boxOf(page, marker)).bottom).toBeLessThanOrEqual(sheetTop);
    expect((await boxOf(page, marker)).top).toBeGreaterThan((await boxOf(page, ".leaflet-container")).top);
    expect((await scrolling(page)).scrollY).toBe(0);
    await context.close();
  });

  it("layers, filters, time, summary and list open from buttons over the map, one at a time", async () => {
    const { context, page } = await openPhone("/?layers=incidents,rings");
    await mapReady(page);
    const map = await boxOf(page, ".leaflet-container");
    const sheets: [string, string][] = [
      ["Layers", "Layers"],
      ["Filters", "Filters"],
      ["Time", "Timeline"],
      ["Summary", "Analysis"],
      ["List", "Incidents"],
    ];
    for (const [button, region] of sheets) {
      const toggle = page.getByRole("button", { name: button, exact: true });
      const b = await toggle.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
      // Over the map.
      expect(b.top >= map.top && b.bottom <= map.bottom && b.left >= map.left && b.right <= map.right).toBe(true);
      await expect(toggle.getAttribute("aria-expanded")).resolves.toBe("false");
      await toggle.tap();
      await expect.poll(() => toggle.getAttribute("aria-expanded")).toBe("true");
      const panel = page.getByRole("region", { name: region }).first();
      await expect.poll(() => panel.isVisible()).toBe(true);
      // Focus moves into the sheet, so the keyboard and a screen reader go on from there.
      await expect.poll(() => panel.evaluate((el) => el.contains(document.activeElement))).toBe(true);
      const p = await panel.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
      expect(inViewport({ top: p.top, bottom: Math.min(p.bottom, PHONE.height), left: p.left, right: p.right })).toBe(true);
      expect(p.top).toBeLessThan(PHONE.height);
      // The sheet's own controls are finger-sized too.
      expect(await smallControls(page)).toEqual([]);
      // One sheet at a time: the others' buttons say they are closed.
      for (const [other] of sheets.filter(([o]) => o !== button))
        await expect(page.getByRole("button", { name: other, exact: true }).getAttribute("aria-expanded")).resolves.toBe("false");
      expect((await scrolling(page)).scrollY).toBe(0);
      await page.keyboard.press("Escape");
      await expect.poll(() => toggle.getAttribute("aria-expanded")).toBe("false");
      await expect.poll(() => panel.isVisible()).toBe(false);
      await expect.poll(() => toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    }
    // The close button closes a sheet too.
    await page.getByRole("button", { name: "Filters", exact: true }).tap();
    await expect.poll(() => page.getByRole("region", { name: "Filters" }).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Close the panel" }).tap();
    await expect.poll(() => page.getByRole("region", { name: "Filters" }).isVisible()).toBe(false);
    await context.close();
  });

  it("every visible control is at least 24×24 px, on the map and with an incident open", async () => {
    const { context, page } = await openPhone(LONER.path);
    await page.locator(`${MARKER}[data-event-id="${LONER.id}"]`).waitFor();
    const onMap = await smallControls(page);
    await tapMarker(page, LONER.id);
    await expect.poll(() => selectedInPanel(page)).toBe(LONER.id);
    const withDetails = await smallControls(page);
    await page.getByRole("button", { name: "Sign in" }).tap();
    await page.getByRole("form", { name: "Sign in" }).waitFor();
    const signingIn = await smallControls(page);
    console.log(`phone: controls under ${MIN_TARGET} px: ${onMap.length} on the map, ${withDetails.length} with details open, ${signingIn.length} signing in`);
    expect(onMap).toEqual([]);
    expect(withDetails).toEqual([]);
    expect(signingIn).toEqual([]);
    // The sign-in form in the header leaves the page unscrolled and the map on screen.
    expect((await scrolling(page)).overflow).toBeLessThanOrEqual(0);
    expect((await boxOf(page, ".leaflet-container")).bottom - (await boxOf(page, ".leaflet-container")).top).toBeGreaterThan(PHONE.height / 3);
    await page.screenshot({ path: "test-results/phone-sign-in.png" });
    await context.close();
  });

  it("held sideways (844×390), the map keeps the screen and each panel opens beside it; a tapped marker's details too", async () => {
    const { context, page, errors } = await openPhone(LONER.path, LANDSCAPE);
    await page.locator(`${MARKER}[data-event-id="${LONER.id}"]`).waitFor();
    const { overflow, overflowX } = await scrolling(page);
    expect([overflow <= 0, overflowX <= 0]).toEqual([true, true]);
    const map = await boxOf(page, ".leaflet-container");
    console.log(`phone sideways: map ${map.left.toFixed(0)}–${map.right.toFixed(0)} × ${map.top.toFixed(0)}–${map.bottom.toFixed(0)} px`);
    expect(inViewport(map, LANDSCAPE)).toBe(true);
    expect(map.bottom - map.top).toBeGreaterThan(LANDSCAPE.height / 2);
    const header = await boxOf(page, ".app__header");
    expect(await smallControls(page)).toEqual([]);
    for (const [button, region] of [["Layers", "Layers"], ["Filters", "Filters"], ["Time", "Timeline"], ["List", "Incidents"]] as const) {
      const toggle = page.getByRole("button", { name: button, exact: true });
      await toggle.tap();
      const panel = page.getByRole("region", { name: region }).first();
      await expect.poll(() => panel.isVisible()).toBe(true);
      const p = await panel.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
      // Beside the map, not over all of it: at least a third of the map's width stays in sight.
      expect(p.left).toBeGreaterThan(map.left + (map.right - map.left) / 3);
      // Under the header, whose tools at its right end stay reachable, and the close button with them.
      expect(p.top).toBeGreaterThanOrEqual(header.bottom - 1);
      expect(p.top).toBeLessThan(LANDSCAPE.height / 2);
      const close = await boxOf(page, ".phone-bar__close");
      expect([close.top >= header.bottom, inViewport(close, LANDSCAPE)]).toEqual([true, true]);
      expect(await smallControls(page)).toEqual([]);
      await page.keyboard.press("Escape");
      await expect.poll(() => panel.isVisible()).toBe(false);
    }
    await tapMarker(page, LONER.id);
    await expect.poll(() => selectedInPanel(page)).toBe(LONER.id);
    const sheet = await boxOf(page, ".details");
    expect(inViewport(sheet, LANDSCAPE)).toBe(true);
    expect(sheet.left).toBeGreaterThan(map.left + (map.right - map.left) / 3);
    // The chosen marker is moved out from under the details.
    await expect.poll(async () => (await boxOf(page, `${MARKER}[data-event-id="${LONER.id}"]`)).right).toBeLessThanOrEqual(sheet.left);
    expect((await scrolling(page)).scrollY).toBe(0);
    expect(await smallControls(page)).toEqual([]);
    mkdirSync("tests/screenshots", { recursive: true });
    await page.screenshot({ path: "tests/screenshots/phone-landscape.png" });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("on a tablet (820×1180) the map fills the screen, the panels open from the bar over it, and a tapped marker's details show", async () => {
    const { context, page, errors } = await openPhone(LONER.path, TABLET);
    await page.locator(`${MARKER}[data-event-id="${LONER.id}"]`).waitFor();
    const { overflow, overflowX } = await scrolling(page);
    expect([overflow <= 0, overflowX <= 0]).toEqual([true, true]);
    const map = await boxOf(page, ".leaflet-container");
    expect(inViewport(map, TABLET)).toBe(true);
    expect(map.bottom - map.top).toBeGreaterThan(TABLET.height / 2);
    const filters = page.getByRole("button", { name: "Filters", exact: true });
    await filters.tap();
    const panel = page.getByRole("region", { name: "Filters" });
    await expect.poll(() => panel.isVisible()).toBe(true);
    const p = await panel.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
    expect(p.top).toBeGreaterThan(map.top);
    expect(p.bottom).toBeLessThanOrEqual(TABLET.height + 0.5);
    expect(await smallControls(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await expect.poll(() => panel.isVisible()).toBe(false);
    await tapMarker(page, LONER.id);
    await expect.poll(() => selectedInPanel(page)).toBe(LONER.id);
    expect(inViewport(await boxOf(page, ".details"), TABLET)).toBe(true);
    expect((await scrolling(page)).scrollY).toBe(0);
    expect(await smallControls(page)).toEqual([]);
    mkdirSync("tests/screenshots", { recursive: true });
    await page.screenshot({ path: "tests/screenshots/tablet.png" });
    expect(errors).toEqual([]);
    await context.close();
  });
});
