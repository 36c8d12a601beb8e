// The import's worker starts when the user presses the import button, while the file dialog is open, so
// that the file is read at once when it comes; choosing the file then starts no other worker before its
// mapping step shows. And a large import's arrival never empties the map or zeroes the count meanwhile.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { mapReady, open, useBrowser } from "./harness";
import { mappingStep, pick, pressImport, totalCount } from "./import-helpers";
import { acledCsv } from "@/lib/build/acled-synth";

const browserOf = useBrowser();
const CSV = ["date,lat,lon,event_type,note", "2021-08-01,32.61,36.10,Battles,first", "2021-08-02,32.62,36.11,Protests,second", ""].join("\n");

/** The page's workers once none has started for `quietMs` (the countries worker starts in an idle callback after the first marker). */
async function settledWorkers(page: Page, quietMs = 3000): Promise<number> {
  let n = page.workers().length;
  for (let still = 0; still < quietMs; still += 250) {
    await page.waitForTimeout(250);
    if (page.workers().length !== n) {
      n = page.workers().length;
      still = -250;
    }
  }
  return n;
}

describe("pressing the import button", () => {
  it("starts the import's worker before a file is chosen, and the file is read by that one", async () => {
    const { context, page, errors } = await open(browserOf(), "/");
    await mapReady(page);
    const before = await settledWorkers(page);
    const dialog = page.waitForEvent("filechooser");
    await page.locator("label.import__pick").click();
    const chooser = await dialog;
    // While the dialog is open: one more worker, the import's.
    await expect.poll(() => page.workers().length, { timeout: 15_000 }).toBe(before + 1);
    const started: string[] = [];
    page.on("worker", (w) => started.push(w.url()));
    await chooser.setFiles({ name: "two.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
    await mappingStep(page).getByRole("button", { name: "Import 2 incidents" }).waitFor();
    expect(started).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

// Every frame from the choice on: the markers on the map and the count of incidents shown, as the page draws them.
const WATCH_FRAMES = `(() => {
  const w = window;
  w.frames = [];
  const tick = () => {
    const count = Number((document.querySelector("[data-testid=shown-count]")?.textContent ?? "").replace(/\\D/g, ""));
    w.frames.push([document.querySelectorAll(".leaflet-marker-pane > *").length, count]);
    requestAnimationFrame(tick);
  };
  tick();
})()`;

describe("a large import arriving (25,000 incidents: the map's and the count's work in slices)", () => {
  it("keeps the markers and the count drawn until the new ones are", async () => {
    const ROWS = 25_000;
    const { context, page, errors } = await open(browserOf(), "/?map=9/32.75000/36.20000");
    await mapReady(page);
    const before = await totalCount(page);
    await page.evaluate(WATCH_FRAMES);
    expect(await pick(page, "acled-25k.csv", acledCsv({ rows: ROWS, seed: 1 }), "text/csv")).toBe("step");
    await pressImport(page);
    await expect.poll(() => totalCount(page), { timeout: 60_000 }).toBe(before + ROWS);
    const frames = await page.evaluate(() => (window as unknown as { frames: [number, number][] }).frames);
    // Every frame had markers on the map and a count of at least the bundled dataset's (0 while the large
    // set's first values were worked out, before).
    expect(frames.length).toBeGreaterThan(10);
    expect(frames.filter(([markers]) => markers === 0)).toEqual([]);
    expect(frames.filter(([, count]) => count === 0)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
