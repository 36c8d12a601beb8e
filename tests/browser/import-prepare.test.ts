// The import's worker starts when the user presses the import button, while the file dialog is open, so
// that the file is read at once when it comes; choosing the file then starts no other worker before its
// mapping step shows.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { mapReady, open, useBrowser } from "./harness";
import { mappingStep } from "./import-helpers";

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
