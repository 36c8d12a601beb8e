// `npm run bench -- import-page`: in Chromium against the production build, the time from choosing a
// 100,000-row ACLED CSV in the file picker to its markers drawn on the map, as a user waits for it: the
// worker's read, the mapping step's one click ("Import N incidents", when the page shows it), the layer and
// the map's redraw. The anchor is the same file's first marker as the page draws the bundled dataset, so
// the figure reads against what the page costs without an import. Needs `next build`; builds one when .next
// is missing.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";
import { acledCsv } from "../lib/build/acled-synth";
import { CHROMIUM_ARGS } from "../tests/browser/harness-args";
import { startServer } from "../tests/browser/server";
import { median, type BenchRow } from "./types";

const BENCH = "import-page";
// @option ROWS: number = 100_000, rows of the synthetic ACLED export (lib/build/acled-synth.ts, seed 1).
const ROWS = 100_000;
// @option RUNS: number = 2, imports per figure, each in a fresh browser; the median is reported (was 3: the runs
// spread by 2%, 9283–9474 ms on 2026-12-07, and `npm run bench` must fit in 10 minutes).
const RUNS = 2;
// Daraa governorate at zoom 9: every synthetic incident is in view.
const VIEW = "/?map=9/32.75000/36.20000";
const MARKERS = ".leaflet-marker-pane .incident-marker, .leaflet-marker-pane .cluster-marker";
const IMPORT_BUTTON = /^Import (about )?[\d,.\u00a0\u202f ]+ incidents?$/;

// @option DIALOG_MS: number = 1000, the time a user spends in the file dialog between pressing the import button and
// choosing the file (at least a second for anyone); the page loads the import's code and worker meanwhile.
const DIALOG_MS = 1000;

const shown = (page: Page) => page.getByTestId("shown-count").innerText().then((t) => Number(t.replace(/\D/g, "")));

/** The page's long tasks from now on, kept in the page (Chromium's PerformanceObserver "longtask"). */
function watchLongTasks(): void {
  const w = window as unknown as { longTasks: number[] };
  w.longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.longTasks.push(e.duration);
  }).observe({ type: "longtask" });
}

/**
 * In the page: from `window.chosenAt` on, the end of the frame that painted the count of all `target` incidents
 * (page clock), kept as `window.countedAt`; the test's own polling of the count would add up to one poll.
 */
function watchCount(target: number): void {
  const w = window as unknown as { chosenAt: number; countedAt?: number };
  new MutationObserver((_, observer) => {
    const text = document.querySelector("[data-testid=shown-count]")?.textContent ?? "";
    if (Number(text.replace(/\D/g, "")) < target) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (w.countedAt = performance.now())));
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

/** Milliseconds from the file chosen to the frame that painted the count of the imported incidents (page clock;
 *  `polledMs`: when the test's polling saw it, test clock), and the page's
 *  longest task meanwhile (issue 25: none over 200 ms while importing). As a user: the import button pressed,
 *  the file chosen in its dialog DIALOG_MS later; `viaDialog` false sets the picker's file with no press. */
async function chooseToMarkers(baseURL: string, file: string, viaDialog = true): Promise<{ ms: number; polledMs: number; pageMs: number; reportMs?: number; clickedMs?: number; longestTaskMs: number }> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.route(/tile\.openstreetmap\.org/, (r) => r.abort());
    const t = performance.now();
    await page.goto(baseURL + VIEW);
    await page.locator(MARKERS).first().waitFor({ timeout: 120_000 });
    const pageMs = performance.now() - t;
    const target = (await shown(page)) + ROWS;
    await page.evaluate(watchLongTasks);
    await page.evaluate(watchCount, target);

    let t0: number;
    if (viaDialog) {
      const dialog = page.waitForEvent("filechooser");
      await page.locator("label.import__pick").click();
      const chooser = await dialog;
      await page.waitForTimeout(DIALOG_MS);
      await page.evaluate(() => ((window as unknown as { chosenAt: number }).chosenAt = performance.now()));
      t0 = performance.now();
      await chooser.setFiles(file);
    } else {
      await page.evaluate(() => ((window as unknown as { chosenAt: number }).chosenAt = performance.now()));
      t0 = performance.now();
      await page.locator('input[type="file"]').first().setInputFiles(file);
    }
    // The mapping step (when the page has one) waits for its one click; then the count reaches the target.
    const button = page.getByRole("button", { name: IMPORT_BUTTON });
    let clicked = false;
    let reportMs: number | undefined;
    let clickedMs: number | undefined;
    for (;;) {
      if (reportMs === undefined && (await page.getByTestId("import-report").count()) > 0 && /imported/.test(await page.getByTestId("import-report").innerText())) reportMs = performance.now() - t0;
      if (!clicked && (await button.count()) > 0 && (await button.first().isEnabled())) {
        await button.first().click();
        clicked = true;
        clickedMs = performance.now() - t0;
      }
      if ((await shown(page)) >= target) break;
      if (performance.now() - t0 > 180_000) throw new Error(`the import did not show ${ROWS} more incidents within 180 s`);
      await page.waitForTimeout(20);
    }
    // The end of the frame that painted the count, page clock (the chosen moment marked just before the choice).
    const counted = await page.waitForFunction(() => {
      const w = window as unknown as { chosenAt: number; countedAt?: number };
      return w.countedAt === undefined ? null : w.countedAt - w.chosenAt;
    });
    const ms = (await counted.jsonValue()) as number;
    const polledMs = performance.now() - t0;
    const longestTaskMs = await page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));
    return { ms, polledMs, pageMs, reportMs, clickedMs, longestTaskMs };
  } finally {
    await browser.close();
  }
}

export default async function bench(): Promise<BenchRow[]> {
  if (!existsSync(".next/BUILD_ID")) execFileSync("npx", ["next", "build"], { stdio: "inherit" });
  const dir = mkdtempSync(join(tmpdir(), "import-page-"));
  const file = join(dir, `acled-synth-${ROWS}.csv`);
  writeFileSync(file, acledCsv({ rows: ROWS, seed: 1 }));
  const server = await startServer({}, "/api/incidents?bbox=0,0,0.001,0.001", 180_000);
  try {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await chooseToMarkers(server.baseURL, file));
    const ms = median(runs.map((r) => r.ms));
    const direct = [];
    for (let i = 0; i < RUNS; i++) direct.push(await chooseToMarkers(server.baseURL, file, false));
    const directMs = median(direct.map((r) => r.ms));
    const pageMs = median(runs.map((r) => r.pageMs));
    return [
      {
        bench: BENCH,
        metric: `choose a ${ROWS}-row ACLED CSV → markers drawn`,
        value: ms,
        unit: "ms",
        anchor: { name: "page load to first marker, no import", value: pageMs },
        // Issue 25's goal: a 100k-row ACLED CSV on the map in 3 s.
        goal: "≤ 3000",
        met: ms <= 3000,
        note: `median of ${RUNS}, production build, Chromium; the import button pressed, the file chosen in its dialog ${DIALOG_MS} ms later; page clock from the choice to the end of the frame that painted the count of all ${ROWS}; runs ${runs.map((r) => Math.round(r.ms)).join(", ")} ms (the test's polling saw it at ${runs.map((r) => Math.round(r.polledMs)).join(", ")}); the mapping step's button clicked at ${runs.map((r) => (r.clickedMs === undefined ? "–" : Math.round(r.clickedMs))).join(", ")} ms; the import report showed at ${runs.map((r) => (r.reportMs === undefined ? "?" : Math.round(r.reportMs))).join(", ")} ms; the page's longest task meanwhile ${runs.map((r) => Math.round(r.longestTaskMs)).join(", ")} ms (goal: none over 200)`,
      },
      {
        bench: BENCH,
        metric: `  the same, the file set in the picker with no press and no dialog`,
        value: directMs,
        unit: "ms",
        note: `median of ${RUNS}; runs ${direct.map((r) => Math.round(r.ms)).join(", ")} ms (polled ${direct.map((r) => Math.round(r.polledMs)).join(", ")}): the import's code and worker are loaded only when the file comes (here, the picker set by a script; a user always presses the button or drags the file over the page first)`,
      },
    ];
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
