// CSV/TSV text → Source, through the project's one CSV reader (lib/csv/read.ts). The header and the sample
// settle the columns: blank and repeated names, an HXL hashtag row in the first rows, unnamed empty columns
// at the end (dropped), cells past the header that the sample fills (kept as "column N"). Every record is
// then read against those columns: short rows padded with "", a malformed one rejected alone.
import { CsvStream, type CsvRecord, type CsvUnclosed } from "../../csv/read";
import { showValue } from "../../incident/validate";
import { ImportError } from "../errors";
import { unescapeFormula } from "../formula";
import type { ImportLimits } from "../limits";
import { WarningLog } from "../warnings";
import { firstRecords, inBatches, type RowOutcome } from "./batch";
import { nameColumns } from "./header";
import { DECODE_CHUNK_BYTES, encodingWarnings, textChunks, type Resolved } from "./encoding";
import { SAMPLE_ROWS, type ReadSourceOptions, type Source } from "./types";

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
  resolved: Resolved;
  limits: ImportLimits;
  options: ReadSourceOptions;
}

/** A fresh pass over the file: the CSV stream, and how much of the bytes it has pulled so far. */
function open(bytes: Uint8Array, ctx: TableContext) {
  let pulled = 0;
  let first: string | undefined;
  const chunks = (function* () {
    for (const text of textChunks(bytes, ctx.resolved, DECODE_CHUNK_BYTES)) {
      pulled = Math.min(bytes.length, pulled + DECODE_CHUNK_BYTES);
      first ??= text;
      yield text;
    }
  })();
  const stream = new CsvStream(chunks, { separator: ctx.options.separator });
  // The bytes pulled, scaled by the share of the pulled text the records have reached.
  const fraction = () => (pulled / Math.max(1, bytes.length)) * (stream.position / Math.max(1, stream.pulled));
  return { stream, fraction, first: () => first ?? "" };
}

export function readTable(bytes: Uint8Array, ctx: TableContext): Source {
  const { limits } = ctx;
  const pass = open(bytes, ctx);
  const { stream } = pass;
  const fixed = encodingWarnings(ctx.resolved, pass.first().slice(0, 1 << 20));
  if (stream.sepHint) fixed.push(`the first line names the separator (Excel's "sep=${stream.separator === "\t" ? "\\t" : stream.separator}"); it was not read as data`);

  // The head of the file: the header, the rows an HXL row may stand among, and the sample.
  const head: CsvRecord[] = [];
  const it = stream.records();
  for (let r = it.next(); ; r = it.next()) {
    if (r.done) break;
    head.push(r.value);
    if (head.length >= 1 + HXL_SEARCH_ROWS + SAMPLE_ROWS) break;
  }
  const complete = stream.end !== undefined;
  const headerRecord = head[0];
  if (!headerRecord) {
    if (stream.end?.unclosed) throw new ImportError("csv", stream.end.unclosed.value.slice(0, 40), `the header's quoted field opened on line ${stream.end.unclosed.quoteLine} is never closed`);
    throw new ImportError("csv", "", "the file is empty");
  }
  if (headerRecord.error) throw new ImportError("header", headerRecord.fields[headerRecord.error.field] ?? "", headerRecord.error.message);
  if (headerRecord.fields.length > limits.maxColumns) {
    throw new ImportError("header", `${headerRecord.fields.length} columns`, `more than ${limits.maxColumns} columns`);
  }

  // The HXL row is taken out of the data wherever it stands among the first rows.
  let hxlAt = -1;
  for (let i = 1; i < Math.min(head.length, HXL_SEARCH_ROWS); i++) {
    if (!head[i].error && isHxlRow(head[i].fields)) {
      hxlAt = i;
      break;
    }
  }
  const isData = (r: CsvRecord) => r.record !== 1 && r.record !== hxlAt + 1;
  const headData = head.filter(isData);
  if (complete && headData.length === 0 && !stream.end?.unclosed) throw new ImportError("csv", headerRecord.fields, "the file has a header but no data rows");

  // Width: the header, widened to the last cell the sample fills, narrowed past unnamed columns the sample leaves empty.
  const rawHeader = headerRecord.fields.map(unescapeFormula);
  const sampleRecords = headData.slice(0, SAMPLE_ROWS).filter((r) => !r.error);
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
  const cellOf = header.index; // per column, its cell in the file's row
  // Every cell of the row is a column, in order: no unsafe name left out, no cell past the header.
  const plainCells = cellOf.every((cell, i) => cell === i);
  const hxlRecord = hxlAt === -1 ? undefined : head[hxlAt];
  const hxl = hxlRecord && cellOf.map((i) => (blank(hxlRecord.fields[i]) ? null : hxlRecord.fields[i].trim()));
  if (hxl) fixed.push(`row ${hxlAt + 1} of the file holds HXL hashtags (${hxl.filter((t) => t !== null).slice(0, 3).join(", ")}${hxl.filter((t) => t !== null).length > 3 ? ", …" : ""}); it was read as tags, not as data`);

  /** Data records → row outcomes. `end()` tells, once `records` is exhausted, how the text ended. */
  /** `fresh`: the records are read for this pass alone (a stream), so their fields may become the values. */
  function* rowOutcomes(records: Iterable<CsvRecord>, end: () => { unclosed?: CsvUnclosed; lineBreak: boolean }, log: WarningLog, fresh = false): Generator<RowOutcome> {
    let longEmpty = 0;
    let emptyRows = 0;
    let row = 0;
    let held: CsvRecord | undefined;
    const outcomeOf = (record: CsvRecord, last: boolean): RowOutcome => {
      row++;
      if (row > limits.maxRows) throw new ImportError("csv", `${row} rows`, `more than ${limits.maxRows} data rows; split the file`);
      const line = record.line;
      const f = record.fields;
      if (record.error) {
        const at = cellOf.indexOf(record.error.field);
        const field = at === -1 ? `column ${record.error.field + 1}` : columns[at];
        return { rejected: { row, line, field, value: showValue(f[record.error.field] ?? ""), message: record.error.message } };
      }
      if (f.every(blank)) {
        emptyRows++;
        return null;
      }
      if (f.length < width) {
        if (last && !end().lineBreak) log.add(`the last row (line ${line}) has ${f.length} of ${width} cells and the file ends without a line break: it may be cut short; its missing cells were read as empty`);
        else log.add(`rows with fewer cells than the header; the missing cells were read as empty`, row);
      } else if (f.length > width) {
        let filled = false;
        for (let i = width; i < f.length && !filled; i++) filled = !blank(f[i]);
        if (filled) log.add(`text in cells past the last column (${columns[columns.length - 1]}) was dropped`, row);
        else if (f.length > headerWidth) longEmpty++;
      }
      if (!fresh || !plainCells || f.length !== width) return { record: { row, line, values: cellOf.map((i) => unescapeFormula(f[i] ?? "")) } };
      // A record read for this pass alone, cell for cell the columns: its own fields become the values.
      for (let i = 0; i < width; i++) if (f[i].charCodeAt(0) === 0x27) f[i] = unescapeFormula(f[i]);
      return { record: { row, line, values: f } };
    };
    // One record held back, so the last one is known as the last.
    for (const record of records) {
      if (held) yield outcomeOf(held, false);
      held = record;
    }
    if (held) yield outcomeOf(held, true);
    const unclosed = end().unclosed;
    if (unclosed) {
      row++;
      const at = cellOf.indexOf(unclosed.field);
      const message = `a quoted field opened on line ${unclosed.quoteLine} is never closed: the file may be cut short, and everything after the quote was read into this field`;
      log.add(`row ${row} (line ${unclosed.line}) was not read: ${message}`);
      yield { rejected: { row, line: unclosed.line, field: at === -1 ? `column ${unclosed.field + 1}` : columns[at], value: showValue(unclosed.value), message } };
    }
    if (longEmpty > 0) log.add(`${longEmpty} ${plural(longEmpty, "row has", "rows have")} empty cells past the header's last column; they were dropped`);
    if (emptyRows > 0) log.add(`${emptyRows} ${plural(emptyRows, "row", "rows")} of empty cells ${plural(emptyRows, "was", "were")} skipped`);
  }

  const headEnd = () => ({ unclosed: stream.end?.unclosed, lineBreak: stream.endsWithLineBreak });
  // A file read whole already: its warnings are final; a longer one's are the sample's until batches() has run.
  let log = new WarningLog();
  const sample = firstRecords(rowOutcomes(complete ? headData : headData.slice(0, SAMPLE_ROWS), complete ? headEnd : () => ({ lineBreak: true }), log), SAMPLE_ROWS);
  if (complete) for (const _ of rowOutcomes(headData, headEnd, (log = new WarningLog()))) void _;
  return {
    format: "csv",
    fileName: ctx.fileName,
    byteLength: ctx.byteLength,
    encoding: ctx.resolved.encoding,
    separator: stream.separator,
    columns,
    ...(hxl ? { hxl } : {}),
    hasGeometry: false,
    ...(complete ? { totalHint: headData.length + (stream.end?.unclosed ? 1 : 0) } : {}),
    sample,
    get warnings() {
      return [...fixed, ...log.list("row")];
    },
    *batches() {
      const again = complete ? undefined : open(bytes, ctx);
      const records = again ? (function* () {
        for (const r of again.stream.records()) if (isData(r)) yield r;
      })() : headData;
      const end = again ? () => ({ unclosed: again.stream.end?.unclosed, lineBreak: again.stream.endsWithLineBreak }) : headEnd;
      const next = new WarningLog();
      let done = 0;
      const fraction = again ? again.fraction : () => done / Math.max(1, headData.length);
      const counted = (function* () {
        for (const r of rowOutcomes(records, end, next, again !== undefined)) {
          done++;
          yield r;
        }
      })();
      yield* inBatches(counted, fraction);
      log = next;
    },
  };
}
