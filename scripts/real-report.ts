// `npx tsx --conditions=react-server scripts/real-report.ts`: imports every real file in one click — the
// full originals in scratch/real/ (kept out of git, see tests/fixtures/real/README.md) when present, then
// the committed extracts — and prints per file: rows read, kept, flagged, rejected with the reasons grouped.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { geocodePlace } from "../lib/geocode";
import { importFile, placeQueryKey, type GeocodeBatch, type ImportReport } from "../lib/import";

const DIRS = [join(__dirname, "../scratch/real"), join(__dirname, "../tests/fixtures/real")];
const FORMATS = /\.(csv|tsv|json|geojson|ndjson|kml|xlsx)$/i;
// The server's answer to POST /api/geocode, without the server.
const offlineGeocoder: GeocodeBatch = async (queries) => new Map(queries.map((q) => [placeQueryKey(q), geocodePlace(q)]));

const count = (v: unknown[] | { count: number } | undefined): number => (Array.isArray(v) ? v.length : (v?.count ?? 0));

/** Rejections grouped by field and message with the rows' count and the first value, largest group first. */
function reasons(report: ImportReport): string[] {
  const groups = new Map<string, { n: number; value: string }>();
  for (const r of report.rejected) {
    const key = `${r.field}: ${r.message.replace(/-?\d+(\.\d+)?/g, "#")}`;
    const g = groups.get(key) ?? { n: 0, value: r.value };
    g.n++;
    groups.set(key, g);
  }
  return [...groups].sort((a, b) => b[1].n - a[1].n).map(([key, g]) => `${g.n} × ${key} (e.g. ${JSON.stringify(g.value)})`);
}

async function reportFile(dir: string, file: string): Promise<void> {
  const bytes = new Uint8Array(readFileSync(join(dir, file)));
  const where = dir.endsWith("real") && dir.includes("scratch") ? "original" : "extract";
  try {
    const { report } = await importFile(bytes, file, { idPrefix: "R", geocode: offlineGeocoder });
    const r = report as ImportReport;
    console.log(`### ${file} (${where})`);
    console.log(`${r.profile} · ${r.format} · ${r.encoding}`);
    console.log(
      `read ${r.total} · kept ${r.accepted} · flagged ${count(r.flagged)} · rejected ${r.rejected.length}` +
        ` · unresolved ${r.unresolved.length} · ambiguous ${r.ambiguous.length} · duplicates ${r.duplicates.length} · skipped ${count(r.skipped)}`,
    );
    for (const line of reasons(r)) console.log(`- rejected ${line}`);
    if (r.unresolved.length) console.log(`- unresolved e.g. ${r.unresolved.slice(0, 3).map((u) => JSON.stringify(u.place)).join(", ")}`);
    for (const w of r.warnings) console.log(`- warning: ${w}`);
    console.log();
  } catch (err) {
    console.log(`### ${file} (${where})\nrefused: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}

async function main(): Promise<void> {
  for (const dir of DIRS) {
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => FORMATS.test(f)).sort()) await reportFile(dir, file);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
