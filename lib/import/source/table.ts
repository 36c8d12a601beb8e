// CSV/TSV text → Source, through the project's one CSV reader (lib/csv/read.ts). The header and the sample
// settle the columns: blank and repeated names, an HXL hashtag row in the first rows, unnamed empty columns
// at the end (dropped), cells past the header that the sample fills (kept as "column N"). Every record is
// then read against those columns: short rows padded with "", a malformed one rejected alone.
import { readCsv, type CsvRecord } from "../../csv/read";
import { showValue } from "../../incident/validate";
import { ImportError } from "../errors";
import { unescapeFormula } from "../formula";
import type { ImportLimits } from "../limits";
import { WarningLog } from "../warnings";
import { firstRecords, inBatches, type Read } from "./batch";
import { nameColumns } from "./header";
import { SAMPLE_ROWS, type EncodingGuess, type ReadSourceOptions, type Source } from "./types";

// @option HXL_SEARCH_ROWS: number = 5, rows from the top of the file searched for an HXL hashtag row.
const HXL_SEARCH_ROWS = 5;

// An HXL hashtag (as HDX publishes in a row of its own): `#geo+lat`, `#affected+killed`, …
const HXL_TAG = /^#[A-Za-z][A-Za-z0-9_]*(\s*\+[A-Za-z][A-Za-z0-9_]*)*$/;
export const isHxlRow = (fields: readonly string[]) => fields.some((f) => f.trim() !== "") && fields.every((f) => f.trim() === "" || HXL_TAG.test(f.trim()));

const blank = (f: string | undefined) => f === undefined || f.trim() === "";
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export interface TableContext {
  fileName: string;
  byteLength: number;
  encoding: EncodingGuess;
  /** Warnings from decoding, shown first. */
  warnings: string[];
  limits: ImportLimits;
  options: ReadSourceOptions;
}

export function readTable(text: string, ctx: TableContext): Source {
  const { limits } = ctx;
  // + the header, an HXL row and one more, so "too many" is known without reading further.
  const parsed = readCsv(text, { separator: ctx.options.separator, maxRecords: limits.maxRows + 3 });
  const all = parsed.records;
  const headerRecord = all[0];
  if (!headerRecord) throw new ImportError("csv", "", "the file is empty");
  if (headerRecord.error) throw new ImportError("header", headerRecord.fields[headerRecord.error.field] ?? "", headerRecord.error.message);
  if (headerRecord.fields.length > limits.maxColumns) {
    throw new ImportError("header", `${headerRecord.fields.length} columns`, `more than ${limits.maxColumns} columns`);
  }
  const fixed = [...ctx.warnings];
  if (parsed.sepHint) fixed.push(`the first line names the separator (Excel's "sep=${parsed.separator === "\t" ? "\\t" : parsed.separator}"); it was not read as data`);

  // The HXL row is taken out of the data wherever it stands among the first rows.
  let hxlAt = -1;
  for (let i = 1; i < Math.min(all.length, HXL_SEARCH_ROWS); i++) {
    if (!all[i].error && isHxlRow(all[i].fields)) {
      hxlAt = i;
      break;
    }
  }
  const data: CsvRecord[] = all.slice(1).filter((_, i) => i + 1 !== hxlAt);
  if (data.length > limits.maxRows || parsed.truncated) {
    throw new ImportError("csv", `${data.length} rows`, `more than ${limits.maxRows} data rows; split the file`);
  }
  if (data.length === 0 && !parsed.unclosed) throw new ImportError("csv", headerRecord.fields, "the file has a header but no data rows");

  // Width: the header, widened to the last cell the sample fills, narrowed past unnamed columns the sample leaves empty.
  const rawHeader = headerRecord.fields.map(unescapeFormula);
  const sampleRecords = data.slice(0, SAMPLE_ROWS).filter((r) => !r.error);
  const filledWidth = (r: CsvRecord) => {
    let w = r.fields.length;
    while (w > 0 && blank(r.fields[w - 1])) w--;
    return w;
  };
  const sampleWidth = sampleRecords.reduce((w, r) => Math.max(w, filledWidth(r)), 0);
  let width = Math.max(rawHeader.length, sampleWidth);
  if (width > limits.maxColumns) throw new ImportError("csv", `${width} columns`, `rows have more than ${limits.maxColumns} cells`);
  const headerWidth = rawHeader.length;
  while (width > 0 && blank(rawHeader[width - 1]) && width > sampleWidth) width--;
  if (width < headerWidth) {
    const n = headerWidth - width;
    fixed.push(`${n} empty unnamed ${plural(n, "column", "columns")} at the end of the header ${plural(n, "was", "were")} ignored`);
  }
  if (width > headerWidth) {
    fixed.push(`rows have more cells than the header; the cells past it were read as ${width - headerWidth === 1 ? `"column ${width}"` : `"column ${headerWidth + 1}" to "column ${width}"`}`);
  }
  const header = nameColumns(rawHeader, width);
  fixed.push(...header.warnings);
  const columns = header.columns;
  const keep = header.index;
  const hxl = hxlAt === -1 ? undefined : keep.map((i) => (blank(all[hxlAt].fields[i]) ? null : all[hxlAt].fields[i].trim()));
  if (hxl) fixed.push(`row ${hxlAt + 1} of the file holds HXL hashtags (#event+code, …); it was read as tags, not as data`);

  const endsMidRow = !/[\r\n]$/.test(text);
  const lastData = data[data.length - 1];
  const unclosedRow = parsed.unclosed ? data.length + 1 : -1;

  function* reads(log: WarningLog): Generator<Read> {
    let longEmpty = 0;
    let emptyRows = 0;
    for (let n = 0; n < data.length; n++) {
      const record = data[n];
      const row = n + 1;
      const line = record.line;
      const f = record.fields;
      if (record.error) {
        const at = keep.indexOf(record.error.field);
        const field = at === -1 ? `column ${record.error.field + 1}` : columns[at];
        yield { rejected: { row, line, field, value: showValue(f[record.error.field] ?? ""), message: record.error.message } };
        continue;
      }
      if (f.every(blank)) {
        emptyRows++;
        yield null;
        continue;
      }
      if (f.length < width) {
        if (record === lastData && endsMidRow) log.add(`the last row (line ${line}) has ${f.length} of ${width} cells and the file ends without a line break: it may be cut short; its missing cells were read as empty`);
        else log.add(`rows with fewer cells than the header; the missing cells were read as empty`, row);
      } else if (f.length > width) {
        let filled = false;
        for (let i = width; i < f.length && !filled; i++) filled = !blank(f[i]);
        if (filled) log.add(`text in cells past the last column (${columns[columns.length - 1]}) was dropped`, row);
        else if (f.length > headerWidth) longEmpty++;
      }
      yield { record: { row, line, values: keep.map((i) => unescapeFormula(f[i] ?? "")) } };
    }
    if (parsed.unclosed) {
      const u = parsed.unclosed;
      const at = keep.indexOf(u.field);
      const message = `a quoted field opened on line ${u.quoteLine} is never closed: the file may be cut short, and everything after the quote was read into this field`;
      log.add(`row ${unclosedRow} (line ${u.line}) was not read: ${message}`);
      yield { rejected: { row: unclosedRow, line: u.line, field: at === -1 ? `column ${u.field + 1}` : columns[at], value: showValue(u.value), message } };
    }
    if (longEmpty > 0) log.add(`${longEmpty} ${plural(longEmpty, "row has", "rows have")} empty cells past the header's last column; they were dropped`);
    if (emptyRows > 0) log.add(`${emptyRows} ${plural(emptyRows, "row", "rows")} of empty cells ${plural(emptyRows, "was", "were")} skipped`);
  }

  const sample = firstRecords(reads(new WarningLog()), SAMPLE_ROWS);
  // The warnings of a full reading, done now: the text is parsed already, and the mapping step shows them.
  let log = new WarningLog();
  for (const _ of reads(log)) void _;
  return {
    format: "csv",
    fileName: ctx.fileName,
    byteLength: ctx.byteLength,
    encoding: ctx.encoding,
    separator: parsed.separator,
    columns,
    ...(hxl ? { hxl } : {}),
    hasGeometry: false,
    totalHint: data.length + (parsed.unclosed ? 1 : 0),
    sample,
    get warnings() {
      return [...fixed, ...log.list("row")];
    },
    *batches() {
      let done = 0;
      const next = new WarningLog();
      const counted = (function* () {
        for (const r of reads(next)) {
          done++;
          yield r;
        }
      })();
      yield* inBatches(counted, () => done / Math.max(1, data.length));
      log = next;
    },
  };
}
