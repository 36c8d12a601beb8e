// Importing as a user does: pick (or drop) a file, meet the mapping step, press Enter on its focused
// button, read the report. Shared by the import tests.
import { expect } from "vitest";
import type { Page } from "playwright-core";

export type Content = string | Buffer;

export const picker = (page: Page) => page.getByLabel("Import incidents from files (CSV, Excel, GeoJSON, JSON, KML)");
export const mappingStep = (page: Page) => page.locator("dialog.mapping[open]");
export const report = (page: Page) => page.getByTestId("import-report");

/** The dataset's and imports' total: the M of "N of M incidents shown". */
export async function totalCount(page: Page): Promise<number> {
  const text = await page.locator(".app__header p").first().innerText();
  return Number(/of (\d+) incidents/.exec(text)?.[1] ?? NaN);
}

/** Picks a file (content, or a path on disk) and waits for its mapping step or, for a refused file, the report. */
export async function pick(page: Page, name: string, content: Content | { path: string }, mimeType = "application/octet-stream"): Promise<"step" | "refused"> {
  if (typeof content === "object" && "path" in content) await picker(page).setInputFiles(content.path);
  else await picker(page).setInputFiles({ name, mimeType, buffer: typeof content === "string" ? Buffer.from(content) : content });
  await page.locator("dialog.mapping[open], [data-testid=import-report]").first().waitFor({ timeout: 60_000 });
  return (await mappingStep(page).count()) > 0 ? "step" : "refused";
}

/** In the mapping step: the focused button is the one that imports; Enter presses it. */
export async function pressImport(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? "")).toMatch(/^(Import .* incidents?|Replace)$/);
  await page.keyboard.press("Enter");
  await report(page).waitFor({ timeout: 120_000 });
}

/** The one-click import: pick, Enter, report. */
export async function importOneClick(page: Page, name: string, content: Content, mimeType?: string): Promise<string> {
  if ((await pick(page, name, content, mimeType)) === "step") await pressImport(page);
  return report(page).innerText();
}

/** Waits until the report says the import is kept in this browser, as a user would before reloading. */
export async function keptInBrowser(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId("import-kept").last().textContent(), { timeout: 60_000 }).toMatch(/^Kept in this browser/);
}

/** Tabs through the dialog until the element matching `test` (aria-label or text) has the focus. */
export async function tabTo(page: Page, test: RegExp, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    const here = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return "";
      const own = el.tagName === "BUTTON" || el.tagName === "SUMMARY" ? (el.textContent ?? "") : "";
      return `${el.getAttribute("aria-label") ?? ""}|${own}|${(el as HTMLInputElement).labels?.[0]?.textContent ?? ""}`;
    });
    if (test.test(here)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`no element matching ${test} reached by Tab`);
}
