// `npx tsx --conditions=react-server scripts/fixture-reports.ts`: imports every fixture of
// tests/fixtures/import/README.md in one click, as the fixture test does. It prints each import report as
// Markdown: the profile, encoding, counts, rejected rows with their reasons, duplicates and assumptions.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { geocodePlace } from "../lib/geocode";
import { importFile, placeQueryKey, type GeocodeBatch } from "../lib/import";

const DIR = join(__dirname, "../tests/fixtures/import");
const FILES = [
  "acled-2023.csv", "acled-api.json", "acled-2020-excel.csv", "acled-2016.csv", "acled-1256.csv", "ucdp-ged.csv",
  "timemap.json", "geojson-minimal.geojson", "incidents.ndjson", "umap.kml", "google-my-maps.kml", "hdx-hxl.csv",
  "semicolon-decimal-comma.csv", "incidents.tsv", "ambiguous-dates.csv", "places-only.csv", "incidents.xlsx",
];
const offlineGeocoder: GeocodeBatch = async (queries) => new Map(queries.map((q) => [placeQueryKey(q), geocodePlace(q)]));

async function main(): Promise<void> {
  for (const file of FILES) {
    const bytes = new Uint8Array(readFileSync(join(DIR, file)));
    try {
      const { report } = await importFile(bytes, file, { idPrefix: "T", geocode: offlineGeocoder });
      const extra = report as typeof report & { profile?: string; assumptions?: string[]; duplicates?: { row: number; id: string; firstRow: number }[] };
      console.log(`### ${file}\n`);
      console.log(`${extra.profile ?? "?"} · ${report.format} · ${report.encoding}${report.separator ? ` · separator ${JSON.stringify(report.separator)}` : ""}`);
      console.log(`${report.total} rows: ${report.accepted} accepted, ${report.rejected.length} rejected, ${report.ambiguous.length} ambiguous, ${report.unresolved.length} unresolved places`);
      for (const r of report.rejected) console.log(`- rejected row ${r.row}${r.line ? ` (line ${r.line})` : ""}: ${r.field} = ${r.value}: ${r.message}`);
      for (const u of report.unresolved) console.log(`- unresolved row ${u.row}: ${u.place}`);
      for (const d of extra.duplicates ?? []) console.log(`- duplicate row ${d.row}: ${d.id} (first on row ${d.firstRow})`);
      for (const a of extra.assumptions ?? []) console.log(`- assumed: ${a}`);
      for (const w of report.warnings) console.log(`- warning: ${w}`);
      console.log();
    } catch (err) {
      console.log(`### ${file}\n\nrefused: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
