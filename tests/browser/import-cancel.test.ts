// Cancel during a large import (300,000 rows), as a user meets it: the progress bar's Cancel stops the
// import and the map stays as it was. Slow by design (its file takes tens of seconds to read), so it runs in
// the slow tier (vitest.config.mts, SLOW) beside the million-row import.
import { describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { mapReady, open, useBrowser } from "./harness";
import { pick, report, totalCount } from "./import-helpers";

const WORLD = "/?map=2/30.00000/30.00000";
const browserOf = useBrowser();

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? "");

describe("a large import", () => {
  it("Cancel during a large import stops it and leaves the map as it was", async () => {
    const rows = 300_000;
    mkdirSync("tmp", { recursive: true });
    const path = "tmp/cancel-300k.csv";
    const lines = ["event_id_cnty,event_date,event_type,sub_event_type,actor1,latitude,longitude,fatalities,notes"];
    for (let i = 0; i < rows; i++) lines.push(`SYRC${i},2021-08-${String((i % 28) + 1).padStart(2, "0")},Battles,Armed clash,Actor ${i % 7},${(32 + (i % 1000) / 1000).toFixed(3)},${(36 + (i % 997) / 1000).toFixed(3)},${i % 5},row ${i}`);
    writeFileSync(path, lines.join("\n") + "\n");

    const { context, page } = await open(browserOf(), WORLD);
    await mapReady(page);
    const before = await totalCount(page);
    expect(await pick(page, "cancel-300k.csv", { path })).toBe("step");
    await page.keyboard.press("Enter");
    const bar = page.getByTestId("import-progress").locator("progress");
    await bar.waitFor();
    await expect.poll(() => focusedText(page)).toBe("Cancel import");
    await page.getByRole("button", { name: "Cancel import" }).click();
    await expect(report(page).innerText()).resolves.toMatch(/import cancelled, nothing changed/);
    await expect.poll(() => page.getByTestId("import-progress").count()).toBe(0);
    expect(await totalCount(page)).toBe(before);
    expect(await page.locator(".import__list li").count()).toBe(0);
    await context.close();
  }, 120_000);
});
