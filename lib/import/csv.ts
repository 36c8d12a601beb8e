// The importer's view of lib/csv: the record limit and an unclosed quote become ImportErrors.
import { readCsv, type CsvRead } from "../csv/read";
import { ImportError } from "./errors";

export { detectSeparator, type CsvRecord, type Separator } from "../csv/read";

export type ParsedCsv = Pick<CsvRead, "separator" | "sepHint" | "records">;

/**
 * Splits CSV text (BOM already removed) into records. Blank lines are skipped. Throws ImportError for an
 * unclosed quote or more than `maxRecords` records (with the message `tooMany`).
 */
export function parseCsv(input: string, maxRecords: number, tooMany = `the file has more than ${maxRecords} records (header included); split it`): ParsedCsv {
  const read = readCsv(input, { maxRecords });
  if (read.truncated) throw new ImportError("csv", `${maxRecords + 1} records`, tooMany);
  const open = read.unclosed;
  if (open) throw new ImportError("csv", open.value.slice(0, 40), `a quoted field opened on line ${open.quoteLine} (record ${open.record}) is never closed`);
  return { separator: read.separator, sepHint: read.sepHint, records: read.records };
}
