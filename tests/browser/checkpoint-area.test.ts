// The 18 stormed positions, which no source places: a hatched, inert area beneath the markers, with a
// text label where no incident is, clipped to the governorate (tests/unit/dataset.test.ts checks the clip).
import { describe, expect, it } from "vitest";
import { mapReady, open, useBrowser } from "./harness";

const browser = useBrowser();

describe("the 18 positions' area", () => {
  it("is drawn hatched and inert, beneath the markers' pane, with its label as text", async () => {
    const { context, page, errors } = await open(browser());
    await mapReady(page);
    const area = page.locator("path.checkpoint-area--unplaced");
    await expect(area.count()).resolves.toBe(1);
    const drawn = await area.evaluate((p) => {
      const fill = p.getAttribute("fill") ?? "";
      const pattern = document.getElementById(fill.replace(/^url\(#(.*)\)$/, "$1"));
      const z = (sel: string) => Number(getComputedStyle(document.querySelector(sel)!).zIndex);
      return {
        pattern: pattern?.tagName ?? null,
        interactive: p.classList.contains("leaflet-interactive"),
        pointerEvents: getComputedStyle(p).pointerEvents,
        below: z(".leaflet-checkpoint-areas-pane") < z(".leaflet-marker-pane"),
      };
    });
    expect(drawn).toEqual({ pattern: "pattern", interactive: false, pointerEvents: "none", below: true });
    const label = page.locator(".leaflet-tooltip-pane .checkpoint-area-label");
    await expect(label.innerText()).resolves.toBe("18 positions stormed, 29–30 July — positions not given");
    await expect(label.locator("*").evaluateAll((els) => els.map((e) => e.tagName))).resolves.toEqual(["SPAN"]);
    await expect(label.evaluate((el) => getComputedStyle(el).pointerEvents)).resolves.toBe("none");
    expect(errors).toEqual([]);
    await context.close();
  });
});
