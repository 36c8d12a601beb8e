// The gazetteer supplement (curated.csv, aliases.csv) and the CLI's --csv input, read through lib/csv.
import { readWholeCsv } from "../csv/read";

/** CSV with a header row, as objects keyed by the header; a BOM and blank rows are skipped. Throws CsvError on a malformed quote. */
export function parseCsvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = readWholeCsv(text, { separator: "," }).records.map((r) => r.fields);
  if (!header) return [];
  return rows
    .filter((r) => r.some((f) => f.trim() !== ""))
    .map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), r[i] ?? ""])));
}
