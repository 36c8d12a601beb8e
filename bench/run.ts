// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line), prints one table and
// writes the same rows to bench/results.json. Figures only: nothing here passes or fails. Each bench gets an
// embedded store folder of its own under tmp/ (DATA_DIR), never data/: a server running from this folder
// keeps data/db locked, and a bench must not write into it either.
//
// Each bench runs in a child process of its own, with a time limit (BENCH_TIME_LIMIT_S, default 480 s): a
// bench that waits forever becomes an error row naming its last step and what it was waiting on, and the
// run goes on. Every process a bench starts (browsers, servers, PostgreSQL clusters) inherits a marker in its
// environment, so what a stopped or careless bench leaves behind is found and stopped by its pid.
//
// What several benches need is made once a run (bench/shared.ts): one PostgreSQL cluster, started here when
// a bench that runs uses PostgreSQL (BENCH_PG_CLUSTER), and a folder for the fixtures a bench made for the
// benches after it (BENCH_SHARED); both go when the run ends. Each bench's progress lines are printed with the
// seconds since it started, so its set-up and its measuring can be told apart.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { acquireCluster, postgresAvailable } from "../tests/support/postgres";
import type { Bench, BenchRow } from "./types";

const dir = __dirname;
const MARKER = "INCIDENT_MAP_BENCH_RUN";
// Long enough for the slowest benches (api, display: minutes each) on a busy machine, short of a whole run.
const LIMIT_S = Number(process.env.BENCH_TIME_LIMIT_S ?? 480);

function fmt(n: number | null | undefined): string {
  if (n === undefined || n === null || Number.isNaN(n)) return "";
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 1) return n.toFixed(2);
  return n.toPrecision(3);
}

const load1 = () => loadavg()[0].toFixed(1);

/** In the child: runs one bench file and writes its rows to `out` as JSON. */
async function runOne(file: string, out: string): Promise<void> {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: Bench | { default: Bench } };
  const bench = typeof mod.default === "function" ? mod.default : mod.default.default;
  let rows: BenchRow[];
  try {
    rows = await bench();
  } catch (err) {
    rows = [{ bench: file, metric: "error", value: NaN, unit: "", note: String(err) }];
  }
  writeFileSync(out, JSON.stringify(rows));
}

/** Live processes (other than this one) whose environment holds `MARKER=id`, with their command names. */
function marked(id: string): { pid: number; name: string }[] {
  const found: { pid: number; name: string }[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(`${MARKER}=${id}`)) continue;
      const name = readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0").filter(Boolean).slice(0, 3).join(" ").slice(0, 120);
      found.push({ pid, name });
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** What is still running of a bench, in a few words: "chromium ×5, postgres ×9". */
function describe(procs: { name: string }[]): string {
  const counts = new Map<string, number>();
  for (const p of procs) {
    const word = p.name.split(" ")[0].split("/").pop() ?? p.name;
    const name = word === "node" || word.endsWith("/node") ? p.name.split(" ").find((a) => /\.(ts|js|mjs)$/.test(a))?.split("/").pop() ?? "node" : word;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([n, c]) => (c > 1 ? `${n} ×${c}` : n)).join(", ");
}

/** Stops every process carrying the marker: SIGTERM, then SIGKILL whatever is left a few seconds later. */
async function sweep(id: string): Promise<void> {
  // A PostgreSQL cluster left running (tests/support/postgres.ts) has its data folder under the temp folder.
  const clusters = new Set<string>();
  for (const { pid } of marked(id)) {
    let args: string[];
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0");
    } catch {
      continue; // gone
    }
    const data = args.indexOf("-D") > 0 ? args[args.indexOf("-D") + 1] : undefined;
    if (args[0].endsWith("/postgres") && data && dirname(data).startsWith(join(tmpdir(), "incident-map-pg-"))) clusters.add(dirname(data));
  }
  for (const signal of ["SIGTERM", "SIGKILL"] as const) {
    const left = marked(id);
    if (!left.length) break;
    for (const { pid } of left) {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
    await new Promise((r) => setTimeout(r, 3000));
  }
  for (const folder of clusters) rmSync(folder, { recursive: true, force: true });
}

/** The duration row of the run's PostgreSQL cluster's start. */
const CLUSTER = "(one PostgreSQL cluster)";

/** Whether a bench uses PostgreSQL: it imports the test cluster's helpers, or bench/shared.ts's fixtures. */
const usesPostgres = (file: string) => /from "(\.\.\/tests\/support\/(postgres|db)|\.\/shared)"/.test(readFileSync(join(dir, file), "utf8"));

interface Duration {
  file: string;
  seconds: number;
  /** The load average at the bench's start → end (the machine may be shared). */
  load: string;
}

interface Outcome {
  rows: BenchRow[];
  seconds: number;
}

/** What every bench of the run shares (bench/shared.ts), in its environment. */
const shared: Record<string, string> = {};

/** Runs one bench file in a child process within the time limit. */
async function runChild(file: string): Promise<Outcome> {
  mkdirSync(join(dir, "..", "tmp"), { recursive: true });
  const data = mkdtempSync(join(dir, "..", "tmp", "bench-data-"));
  const out = join(data, "rows.json");
  const id = `${process.pid}-${file}-${Date.now()}`;
  const t0 = performance.now();
  // Servers the bench starts inherit DATA_DIR; a new folder starts from the build's seeded store, if any.
  const child = spawn(process.execPath, [...process.execArgv, __filename, "--one", file, out], {
    env: { ...process.env, ...shared, DATA_DIR: join(data, "db"), [MARKER]: id },
    stdio: ["ignore", "inherit", "pipe"],
  });
  // The bench's own progress lines go on to the terminal; the last one says where a stuck bench stopped.
  let last = "";
  let partial = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString("utf8")).split("\n");
    partial = lines.pop()!;
    const at = `[${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s]`;
    for (const l of lines) process.stderr.write(`${at} ${l}\n`);
    const steps = lines.map((l) => l.trim()).filter((l) => l && !l.startsWith("at "));
    if (steps.length) last = steps[steps.length - 1].slice(0, 200);
  });
  let timedOut = "";
  const timer = setTimeout(() => {
    const waiting = marked(id).filter((p) => p.pid !== child.pid);
    timedOut = `timed out after ${LIMIT_S} s (BENCH_TIME_LIMIT_S); last step: ${JSON.stringify(last)}; still running: ${describe(waiting) || "only the bench itself"}`;
    child.kill("SIGKILL");
  }, LIMIT_S * 1000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearTimeout(timer);
  if (partial) process.stderr.write(`${partial}\n`);
  const seconds = (performance.now() - t0) / 1000;
  await sweep(id);
  let rows: BenchRow[];
  if (timedOut) rows = [{ bench: file, metric: "error", value: NaN, unit: "", note: timedOut }];
  else if (code === 0 && existsSync(out)) rows = JSON.parse(readFileSync(out, "utf8")) as BenchRow[];
  else rows = [{ bench: file, metric: "error", value: NaN, unit: "", note: `exited with ${code}; last line: ${JSON.stringify(last)}` }];
  rmSync(data, { recursive: true, force: true });
  return { rows, seconds };
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
    .sort();
  // The figures of the last run written (the committed results.json on a fresh clone), printed beside this run's.
  const out = join(dir, "results.json");
  const previous = existsSync(out) ? (JSON.parse(readFileSync(out, "utf8")) as { date?: string; rows: BenchRow[]; durations?: Duration[] }) : undefined;
  const before = new Map(previous?.rows.map((r) => [`${r.bench}\0${r.metric}`, r.value]));
  const rows: BenchRow[] = [];
  const durations: Duration[] = [];
  const start = performance.now();
  mkdirSync(join(dir, "..", "tmp"), { recursive: true });
  shared.BENCH_SHARED = mkdtempSync(join(dir, "..", "tmp", "bench-shared-"));
  let cluster: { release(): Promise<void> } | undefined;
  const stop = async () => {
    await cluster?.release();
    rmSync(shared.BENCH_SHARED, { recursive: true, force: true });
  };
  process.once("SIGINT", () => void stop().finally(() => process.exit(130)));
  try {
    if (postgresAvailable() && files.some(usesPostgres)) {
      const before = load1();
      const t0 = performance.now();
      const started = await acquireCluster();
      cluster = started;
      shared.BENCH_PG_CLUSTER = started.url;
      durations.push({ file: CLUSTER, seconds: Math.round((performance.now() - t0) / 100) / 10, load: `${before} → ${load1()}` });
    }
    for (const file of files) {
      const before = load1();
      process.stderr.write(`bench: ${file} (load average ${before})\n`);
      const outcome = await runChild(file);
      rows.push(...outcome.rows);
      durations.push({ file, seconds: Math.round(outcome.seconds * 10) / 10, load: `${before} → ${load1()}` });
      process.stderr.write(`bench: ${file} took ${outcome.seconds.toFixed(0)} s\n`);
    }
  } finally {
    await stop();
  }
  const total = (performance.now() - start) / 1000;

  const header = ["bench", "metric", "value", `last run${previous?.date ? ` (${previous.date.slice(0, 10)})` : ""}`, "unit", "anchor", "anchor value", "ratio", "goal", "met", "note"];
  const table = rows.map((r) => [
    r.bench, r.metric, fmt(r.value), fmt(before.get(`${r.bench}\0${r.metric}`)), r.unit, r.anchor?.name ?? "", fmt(r.anchor?.value), r.ratio === undefined ? "" : `${fmt(r.ratio)}×`,
    r.goal ?? "", r.met === undefined ? "" : r.met ? "yes" : "NO", r.note ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of table) console.log(line(row));
  console.log(`\nduration of each bench (s; last run's in brackets), load average at its start → end:`);
  const lastSeconds = new Map(previous?.durations?.map((d) => [d.file, d.seconds]));
  for (const d of durations) {
    const last = lastSeconds.get(d.file);
    console.log(`  ${d.file.padEnd(24)} ${d.seconds.toFixed(0).padStart(5)} ${(last === undefined ? "" : `(${last.toFixed(0)})`).padStart(7)}   ${d.load}`);
  }
  console.log(`  ${"total".padEnd(24)} ${total.toFixed(0).padStart(5)}`);

  // A partial run (`npm run bench -- geocode`) replaces only its own benches' rows and durations and keeps the others'.
  const ran = new Set(rows.map((r) => r.bench));
  const old = only.length ? previous : undefined;
  const kept = old ? old.rows.filter((r) => !ran.has(r.bench)) : [];
  const keptDurations = old?.durations?.filter((d) => !durations.some((n) => n.file === d.file)) ?? [];
  const allDurations = [...keptDurations, ...durations].sort((a, b) => a.file.localeCompare(b.file));
  writeFileSync(
    out,
    JSON.stringify({ date: new Date().toISOString(), node: process.version, durations: allDurations, rows: [...kept, ...rows] }, null, 2) + "\n",
  );
  console.log(`\nwritten: ${out}`);
}

if (process.argv[2] === "--one") {
  runOne(process.argv[3], process.argv[4]).then(
    // Exit even if the bench left a handle open (its processes are swept by the parent).
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
