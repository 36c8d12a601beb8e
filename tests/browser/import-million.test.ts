// A 1,000,000-row ACLED CSV (today's export layout, written here into the gitignored tmp/) imported in the
// browser: the mapping step appears from a sample, the progress bar advances, the markers appear, and a
// reload shows them again from IndexedDB. The
// timings go to test-results/browser-metrics-import-1m.json; the bounds asserted are generous (a shared
// 2-core machine) and relative: no main-thread task over a tenth of the import.
import { describe, expect, it } from "vitest";
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { CLUSTER, MARKER, open, mapReady, useBrowser } from "./harness";
import { mappingStep, pick, report, totalCount } from "./import-helpers";

// @option IMPORT_ROWS: the rows of the file (default 1,000,000); IMPORT_ROWS=100000 measures the 100k figure.
const ROWS = Number(process.env.IMPORT_ROWS ?? 1_000_000);
const PATH = `tmp/acled-synthetic-${ROWS}.csv`;
// @option IMPORT_TRACE: a file (e.g. tmp/import.trace.json); when set, a Chrome trace of Enter → stored is written
// there (tasks, garbage collection, JavaScript samples): what each long task was, for DevTools' Performance panel.
const TRACE = process.env.IMPORT_TRACE;
const TRACE_CATEGORIES = ["toplevel", "devtools.timeline", "v8", "disabled-by-default-v8.cpu_profiler", "blink.user_timing"];
const HEADER =
  "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";
const TYPES = [
  ["Political violence", "Battles", "Armed clash"],
  ["Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"],
  ["Political violence", "Violence against civilians", "Attack"],
  ["Demonstrations", "Protests", "Peaceful protest"],
  ["Strategic developments", "Strategic developments", "Agreement"],
] as const;

/** Deterministic rows across southern Syria, ~200 bytes each. */
async function writeAcled(path: string, rows: number): Promise<void> {
  mkdirSync("tmp", { recursive: true });
  const out = createWriteStream(path);
  out.write(HEADER + "\n");
  let chunk = "";
  for (let i = 0; i < rows; i++) {
    const [disorder, type, sub] = TYPES[i % TYPES.length];
    const day = new Date(Date.UTC(2021, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
    const lat = (32.3 + ((i * 7919) % 10_000) / 10_000).toFixed(4);
    const lng = (35.9 + ((i * 104_729) % 10_000) / 10_000).toFixed(4);
    chunk += `SYR${i + 1},${day},2021,1,${disorder},${type},${sub},Actor ${i % 13},,1,Actor ${i % 7},,2,12,,760,Middle East,Syria,Dara,Dara,,Place ${i % 500},${lat},${lng},1,Source ${i % 31},National,"Synthetic row ${i}, for the import test.",${i % 4},,1640995200\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
      chunk = "";
    }
  }
  out.write(chunk);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

const browserOf = useBrowser();

/** The page's long tasks from now on, kept in the page (Chromium's PerformanceObserver "longtask"). */
function watchLongTasks(): void {
  const w = window as unknown as { longTasks: { start: number; ms: number }[] };
  w.longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: "longtask" });
}

describe(`a ${ROWS.toLocaleString("en")}-row ACLED CSV`, () => {
  it("imports in the browser with its progress bar advancing and markers appearing", async () => {
    if (!existsSync(PATH)) await writeAcled(PATH, ROWS);
    const metrics: Record<string, number> = { bytes: statSync(PATH).size };
    const { context, page, errors } = await open(browserOf(), "/?map=8/32.60000/36.30000");
    await mapReady(page);
    const before = await totalCount(page);
    await page.evaluate(watchLongTasks);

    const t0 = Date.now();
    expect(await pick(page, `acled-${ROWS}.csv`, { path: PATH })).toBe("step");
    metrics.choose_to_step_ms = Date.now() - t0;
    await expect(mappingStep(page).getByRole("button", { name: new RegExp(`^Import (about )?${ROWS.toLocaleString("en")} incidents$`) }).count()).resolves.toBe(1);

    if (TRACE) await browserOf().startTracing(page, { path: TRACE, categories: TRACE_CATEGORIES });
    const t1 = Date.now();
    const enterAt = await page.evaluate(() => performance.now());
    await page.keyboard.press("Enter");
    const bar = page.getByTestId("import-progress").locator("progress");
    await bar.waitFor();
    // The bar, read four times a second until the import ends. Read from the page, not through the locator:
    // a locator waits for its element (30 s), and the bar goes when the import ends, which then counted 30 s late.
    const seen: number[] = [];
    while ((await report(page).count()) === 0) {
      const v = await page.evaluate(() => document.querySelector<HTMLProgressElement>('[data-testid="import-progress"] progress')?.value ?? null);
      if (v !== null && v !== seen.at(-1)) seen.push(v);
      await page.waitForTimeout(250);
    }
    metrics.import_ms = Date.now() - t1;
    await expect(report(page).innerText()).resolves.toMatch(new RegExp(`${ROWS} of ${ROWS} imported`));
    await expect.poll(() => totalCount(page), { timeout: 120_000 }).toBe(before + ROWS);
    await page.locator(`${MARKER}, ${CLUSTER}`).first().waitFor({ timeout: 120_000 });
    metrics.enter_to_markers_ms = Date.now() - t1;
    const markersAt = await page.evaluate(() => performance.now());
    metrics.choose_to_markers_ms = Date.now() - t0;
    metrics.progress_values = seen.length;
    const mark = (name: string) => page.evaluate((n) => performance.getEntriesByName(n, "mark")[0]?.startTime ?? null, name);
    const resultAt = (await mark("import:result"))!;
    metrics.enter_to_worker_result_ms = Math.round(resultAt - enterAt);
    metrics.result_to_built_ms = Math.round((await mark("import:built"))! - resultAt);
    // Kept in IndexedDB afterwards, in the background: measured, and required within five minutes (below).
    const stored = await expect.poll(() => mark("import:stored"), { timeout: 300_000 }).not.toBeNull().then(() => true, () => false);
    metrics.enter_to_stored_ms = stored ? Math.round((await mark("import:stored"))! - enterAt) : -1;
    metrics.built_to_stored_ms = stored ? Math.round((await mark("import:stored"))! - (await mark("import:built"))!) : -1;
    if (TRACE) await browserOf().stopTracing();

    // The page's thread while importing, Enter to the import kept in IndexedDB (the keep runs in the background
    // after the markers, and a 354 ms task there once failed no bound: the window ended at the markers). Its
    // longest task and how many took over 200 ms; the same to the markers, and from the worker's answer on.
    const tasksBetween = (from: number, to: number) => page.evaluate(([a, b]) => (window as unknown as { longTasks: { start: number; ms: number }[] }).longTasks.filter((t) => t.start >= a && t.start <= b), [from, to]);
    const longest = (ts: { ms: number }[]) => Math.round(Math.max(0, ...ts.map((t) => t.ms)));
    const toMarkers = await tasksBetween(enterAt, markersAt);
    const storedAt = stored ? (await mark("import:stored"))! : await page.evaluate(() => performance.now());
    const tasks = await tasksBetween(enterAt, storedAt);
    metrics.longest_task_ms = longest(tasks);
    metrics.tasks_over_200_ms = tasks.filter((t) => t.ms > 200).length;
    metrics.longest_task_to_markers_ms = longest(toMarkers);
    // Split at the worker's answer: before it, the page only shows progress; after it, it builds, draws and keeps.
    metrics.longest_task_after_result_ms = longest(tasks.filter((t) => t.start >= resultAt));
    metrics.longest_task_after_markers_ms = longest(tasks.filter((t) => t.start > markersAt));

    // No task holds the page's thread for a tenth of the import: relative, as the machine is shared; the page
    // that built the cluster index, counts, timeline and list in render held it for seconds (a fifth to a half).
    expect(metrics.longest_task_ms, JSON.stringify(metrics)).toBeLessThan(metrics.enter_to_markers_ms / 10);
    const advancing = seen.filter((v) => v > 0 && v < 1);
    expect(advancing.length).toBeGreaterThanOrEqual(3);
    expect([...advancing].sort((a, b) => a - b)).toEqual(advancing);
    // The figures so far are written before the reload's assertions, so a failure still leaves them.
    mkdirSync("test-results", { recursive: true });
    const metricsFile = `test-results/browser-metrics-import-${ROWS === 1_000_000 ? "1m" : ROWS}.json`;
    writeFileSync(metricsFile, JSON.stringify(metrics, null, 2) + "\n");
    expect(stored).toBe(true);

    // Kept across a reload: the page reads the stored columns back and shows every incident again.
    const t2 = Date.now();
    await page.reload();
    await expect.poll(() => totalCount(page), { timeout: 120_000 }).toBe(before + ROWS);
    metrics.reload_to_restored_ms = Date.now() - t2;
    // Where a reload's time goes: IndexedDB's read, the worker's check of the columns, building the incidents.
    const [loaded, checked, built] = [await mark("restore:loaded"), await mark("restore:checked"), await mark("restore:built")];
    if (loaded !== null && checked !== null && built !== null) Object.assign(metrics, { reload_to_idb_read_ms: Math.round(loaded), idb_read_to_checked_ms: Math.round(checked - loaded), checked_to_built_ms: Math.round(built - checked) });

    expect(errors).toEqual([]);
    writeFileSync(metricsFile, JSON.stringify(metrics, null, 2) + "\n");
    console.log(`import ${ROWS} metrics:`, metrics);
    await context.close();
  }, 900_000);
});
