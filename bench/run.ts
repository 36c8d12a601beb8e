// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line), prints one table and
// writes the same rows to bench/results.json. Figures only: nothing here passes or fails. Each bench gets an
// embedded store folder of its own under tmp/ (DATA_DIR), never data/: a server running from this folder
// keeps data/db locked, and a bench must not write into it either.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Bench, BenchRow } from "./types";

const dir = __dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();

function fmt(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return "";
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 1) return n.toFixed(2);
  return n.toPrecision(3);
}

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: Bench | { default: Bench } };
    const bench = typeof mod.default === "function" ? mod.default : mod.default.default;
    process.stderr.write(`bench: ${file}\n`);
    mkdirSync(join(dir, "..", "tmp"), { recursive: true });
    const data = mkdtempSync(join(dir, "..", "tmp", "bench-data-"));
    // Servers the bench starts inherit it; a new folder starts from the build's seeded store, if any.
    process.env.DATA_DIR = join(data, "db");
    try {
      rows.push(...(await bench()));
    } catch (err) {
      rows.push({ bench: file, metric: "error", value: NaN, unit: "", note: String(err) });
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  }
  const header = ["bench", "metric", "value", "unit", "anchor", "anchor value", "ratio", "goal", "met", "note"];
  const table = rows.map((r) => [
    r.bench, r.metric, fmt(r.value), r.unit, r.anchor?.name ?? "", fmt(r.anchor?.value), r.ratio === undefined ? "" : `${fmt(r.ratio)}×`,
    r.goal ?? "", r.met === undefined ? "" : r.met ? "yes" : "NO", r.note ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of table) console.log(line(row));
  // A partial run (`npm run bench -- geocode`) replaces only its own benches' rows and keeps the others'.
  const out = join(dir, "results.json");
  const ran = new Set(rows.map((r) => r.bench));
  const kept: BenchRow[] = only.length && existsSync(out) ? (JSON.parse(readFileSync(out, "utf8")).rows as BenchRow[]).filter((r) => !ran.has(r.bench)) : [];
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, rows: [...kept, ...rows] }, null, 2) + "\n");
  console.log(`\nwritten: ${out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
