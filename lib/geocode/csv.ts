// The gazetteer supplement (curated.csv, aliases.csv) and the CLI's --csv input, read through lib/csv.
import { readCsv } from "../csv/read";

/** Parses comma-separated text into rows of fields; a BOM and blank lines are skipped. Throws on a malformed quote. */
export function parseCsv(text: string): string[][] {
  const read = readCsv(text, { separator: "," });
  const bad = read.records.find((r) => r.error);
  if (bad?.error) throw new Error(`row ${bad.record} (line ${bad.line}), field ${bad.error.field + 1}: ${bad.error.message}`);
  if (read.unclosed) throw new Error(`row ${read.unclosed.record}, field ${read.unclosed.field + 1}: a quote opened on line ${read.unclosed.quoteLine} is never closed`);
  return read.records.map((r) => r.fields);
}

/** Parses CSV with a header row into objects keyed by the header. */
export function parseCsvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows
    .filter((r) => r.some((f) => f.trim() !== ""))
    .map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), r[i] ?? ""])));
}
