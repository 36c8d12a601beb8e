// RFC 4180 CSV parsing for the researchers' source table. Hand-rolled because the table is small, the
// project carries no CSV dependency, and errors must name the line and column a researcher has to fix.

/** A parse or row error that names where: 1-based table row (header = row 1), column and value. */
export class TableError extends Error {
  readonly row: number;
  readonly column: string;
  readonly value: string;
  constructor(row: number, column: string, value: string, message: string) {
    const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
    super(`row ${row}, column "${column}": ${message} (value: ${JSON.stringify(shown)})`);
    this.name = "TableError";
    this.row = row;
    this.column = column;
    this.value = value;
  }
}

export interface CsvRecord {
  /** 1-based record number; the header is record 1, so the first data row is 2. */
  row: number;
  /** 1-based line of the file where the record starts (differs from `row` when fields hold newlines). */
  line: number;
  fields: string[];
}

/**
 * Splits CSV text into records. Quoted fields may hold commas, newlines and doubled quotes (""), as
 * RFC 4180 allows; CRLF and LF line ends are both accepted; a trailing newline adds no record.
 * Throws TableError for a quote inside an unquoted field, text after a closing quote, or an unclosed quote.
 */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.startsWith("\uFEFF") ? text.slice(1) : text; // a BOM from spreadsheet exports
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let i = 0;
  // State: at the start of a field, inside an unquoted field, inside quotes, or just after a closing quote.
  let state: "start" | "plain" | "quoted" | "closed" = "start";
  const where = () => ({ row: records.length + 1, column: `field ${fields.length + 1}` });
  const endRecord = () => {
    fields.push(field);
    // A blank line is not a record (spreadsheets leave them at the end).
    if (!(fields.length === 1 && fields[0] === "")) records.push({ row: records.length + 1, line: recordLine, fields });
    fields = [];
    field = "";
    state = "start";
  };
  while (i < src.length) {
    const c = src[i];
    if (state === "quoted") {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        state = "closed";
      } else {
        if (c === "\n") line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === ",") {
      fields.push(field);
      field = "";
      state = "start";
    } else if (c === "\n" || (c === "\r" && src[i + 1] === "\n")) {
      if (c === "\r") i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (c === '"') {
      if (state !== "start") {
        const w = where();
        throw new TableError(w.row, w.column, field + c, `a quote may only open a field (line ${line}); quote the whole field and double inner quotes`);
      }
      state = "quoted";
    } else {
      if (state === "closed") {
        const w = where();
        throw new TableError(w.row, w.column, field + c, `text after a closing quote (line ${line})`);
      }
      field += c;
      state = "plain";
    }
    i++;
  }
  if (state === "quoted") {
    const w = where();
    throw new TableError(w.row, w.column, field, `unclosed quote opened at line ${recordLine}`);
  }
  if (state !== "start" || fields.length > 0 || field !== "") endRecord();
  return records;
}

/** Quotes a field for writing when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
