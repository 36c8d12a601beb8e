// The mapping step, as a user meets it: driven with the keyboard, a role changed and the preview
// following, an ambiguous date column put to the user, one-click imports of the common formats, a file
// imported twice, and a remembered mapping. Cancel during a large import is in import-cancel.test.ts (slow tier).
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { mapReady, open, useBrowser } from "./harness";
import { importOneClick, mappingStep, pick, pressImport, report, tabTo, totalCount } from "./import-helpers";

const WORLD = "/?map=2/30.00000/30.00000";
const browserOf = useBrowser();

const preview = (page: Page) => page.getByTestId("mapping-preview");
const rejections = (page: Page) => page.getByTestId("mapping-rejections");
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? "");

/** Days all ≤ 12: DD/MM or MM/DD cannot be told from the values. */
const AMBIGUOUS_CSV = ["date,lat,lon,event_type,note", "03/04/2021,32.61,36.10,Battles,first", "05/06/2021,32.62,36.11,Protests,second", "11/12/2021,32.63,36.12,Riots,third", ""].join("\n");

describe("the mapping step", () => {
  it("is driven by the keyboard: an ambiguous date shown as a choice, a role changed, the preview following, Escape and Enter", async () => {
    const { context, page, errors } = await open(browserOf(), WORLD);
    await mapReady(page);
    const before = await totalCount(page);
    expect(await pick(page, "ambiguous.csv", AMBIGUOUS_CSV, "text/csv")).toBe("step");
    const step = mappingStep(page);
    // The one click: the import button has the focus.
    await expect.poll(() => focusedText(page)).toBe("Import 3 incidents");
    // The date column cannot be settled from its values: the step says so and shows the choice.
    const ambiguous = page.getByTestId("date-ambiguous");
    await expect(ambiguous.innerText()).resolves.toMatch(/every day is ≤ 12/);
    await expect(ambiguous.innerText()).resolves.toMatch(/DD\/MM and MM\/DD/);
    const firstDay = () => preview(page).locator("tbody tr").first().locator("td").nth(1).innerText();
    const dayFirst = await firstDay();
    expect(["2021-04-03", "2021-03-04"]).toContain(dayFirst);

    // Choose the other reading with the keyboard: the radio group moves with the arrow keys.
    await tabTo(page, /Day first|Month first/);
    await page.keyboard.press(dayFirst === "2021-04-03" ? "ArrowDown" : "ArrowUp");
    await expect.poll(firstDay).toBe(dayFirst === "2021-04-03" ? "2021-03-04" : "2021-04-03");

    // Every control is labelled; a role changed from the keyboard shows in the preview at once.
    await expect(step.getByLabel("Role of column lat").inputValue()).resolves.toBe("latitude");
    await expect.poll(() => rejections(page).innerText()).toMatch(/^Of the file’s 3 rows: 3 placed by their coordinates, none would be rejected/);
    await tabTo(page, /Role of column lat/);
    await page.keyboard.type("Ignore");
    await expect(step.getByLabel("Role of column lat").inputValue()).resolves.toBe("ignore");
    await expect.poll(() => rejections(page).innerText()).toMatch(/^Of the file’s 3 rows: 0 placed by their coordinates, 3 would be rejected/);
    await expect.poll(() => preview(page).locator("tr.mapping__rejected").count()).toBe(3);
    await expect.poll(() => step.getByRole("button", { name: /^Import/ }).innerText()).toBe("Import 0 incidents");
    await tabTo(page, /Role of column lat/);
    // A select's type-ahead keeps what was typed for a second: "Ignore" then "Latitude" at once would be one word.
    await page.waitForTimeout(1100);
    await page.keyboard.type("Latitude");
    await expect.poll(() => rejections(page).innerText()).toMatch(/^Of the file’s 3 rows: 3 placed by their coordinates, none would be rejected/);

    // Escape closes the step and imports nothing.
    await page.keyboard.press("Escape");
    await expect.poll(() => mappingStep(page).count()).toBe(0);
    expect(await totalCount(page)).toBe(before);
    expect(await page.locator(".import__list li").count()).toBe(0);

    // Again, and Enter on the focused button imports with the choice made.
    expect(await pick(page, "ambiguous.csv", AMBIGUOUS_CSV, "text/csv")).toBe("step");
    await pressImport(page);
    await expect(report(page).innerText()).resolves.toMatch(/3 of 3 imported/);
    await expect.poll(() => totalCount(page)).toBe(before + 3);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("says when the same file was imported before, and Replace swaps the layer's incidents instead of adding", async () => {
    const { context, page } = await open(browserOf(), WORLD);
    await mapReady(page);
    const before = await totalCount(page);
    const fc = JSON.stringify({
      type: "FeatureCollection",
      features: [1, 2].map((i) => ({ type: "Feature", geometry: { type: "Point", coordinates: [36.1 + i / 100, 32.6] }, properties: { location: `Place ${i}`, description: `what happened ${i}`, link: "https://example.org" } })),
    });
    await importOneClick(page, "twice.geojson", fc, "application/geo+json");
    await expect.poll(() => totalCount(page)).toBe(before + 2);
    await page.getByRole("button", { name: "Dismiss report" }).click();

    expect(await pick(page, "twice.geojson", fc, "application/geo+json")).toBe("step");
    await expect(mappingStep(page).getByRole("alert").innerText()).resolves.toMatch(/already imported as layer “twice\.geojson”/);
    // Cancel keeps the earlier import as it was.
    await mappingStep(page).getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => mappingStep(page).count()).toBe(0);
    expect(await totalCount(page)).toBe(before + 2);

    expect(await pick(page, "twice.geojson", fc, "application/geo+json")).toBe("step");
    await expect.poll(() => focusedText(page)).toBe("Replace");
    await pressImport(page);
    await expect(report(page).innerText()).resolves.toMatch(/2 of 2 imported, replacing the earlier import of “twice\.geojson”/);
    await expect.poll(() => totalCount(page)).toBe(before + 2);
    await expect(page.locator(".import__list li").count()).resolves.toBe(1);
    await context.close();
  });

  it("Enter pressed while a changed mapping's preview is on its way imports, once it has come, with that mapping", async () => {
    const { context, page } = await open(browserOf(), WORLD);
    // A slow preview, as on a busy machine: the worker's preview answers reach the page 1.5 s late.
    await page.addInitScript(() => {
      const Native = window.Worker;
      window.Worker = class SlowPreview extends Native {
        set onmessage(handler: ((e: MessageEvent) => void) | null) {
          super.onmessage = handler && ((e: MessageEvent) => (e.data?.type === "previewed" ? setTimeout(() => handler.call(this, e), 1500) : handler.call(this, e)));
        }
        get onmessage() {
          return super.onmessage;
        }
      };
    });
    await page.reload();
    await mapReady(page);
    const csv = "date,latitude,longitude,event_type,note\n13/01/2021,32.61,36.10,Battles,one\n";
    expect(await pick(page, "slow.csv", csv, "text/csv")).toBe("step");
    await mappingStep(page).getByLabel("Role of column note").selectOption("ignore");
    await expect(mappingStep(page).getByTestId("mapping-preview").getAttribute("aria-busy")).resolves.toBe("true");
    await expect.poll(() => focusedText(page)).toMatch(/^Import/);
    await page.keyboard.press("Enter");
    await report(page).waitFor({ timeout: 15_000 });
    await expect(report(page).innerText()).resolves.toMatch(/1 of 1 imported/);
    // The mapping the press was made on, not the proposal: the header's choice is remembered.
    await page.getByRole("button", { name: "Dismiss report" }).click();
    expect(await pick(page, "slow-again.csv", csv.replace("one", "two"), "text/csv")).toBe("step");
    await expect(mappingStep(page).getByLabel("Role of column note").inputValue()).resolves.toBe("ignore");
    await context.close();
  });

  it("remembers the mapping chosen for a header, says so, and forgets it on Reset", async () => {
    const { context, page } = await open(browserOf(), WORLD);
    await mapReady(page);
    const header = "date,latitude,longitude,event_type,note";
    const file = (day: string) => `${header}\n${day}/01/2021,32.61,36.10,Battles,one\n`;
    expect(await pick(page, "first.csv", file("13"), "text/csv")).toBe("step");
    await mappingStep(page).getByLabel("Role of column note").selectOption("notes");
    await pressImport(page);
    await page.getByRole("button", { name: "Dismiss report" }).click();

    expect(await pick(page, "second.csv", file("14"), "text/csv")).toBe("step");
    const note = page.getByTestId("mapping-remembered");
    await expect(note.innerText()).resolves.toMatch(/^Using the mapping you chose for this header on \d{4}-\d\d-\d\d\. Reset$/);
    await expect(mappingStep(page).getByLabel("Role of column note").inputValue()).resolves.toBe("notes");
    await note.getByRole("button", { name: "Reset" }).click();
    await expect.poll(() => note.count()).toBe(0);
    await expect(mappingStep(page).getByLabel("Role of column note").inputValue()).resolves.not.toBe("notes");
    await page.keyboard.press("Escape");

    // Forgotten: a third file with the header gets the proposal.
    expect(await pick(page, "third.csv", file("15"), "text/csv")).toBe("step");
    expect(await page.getByTestId("mapping-remembered").count()).toBe(0);
    await context.close();
  });
});
