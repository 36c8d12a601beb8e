// The researchers' source table read through lib/csv, with errors that name the row, column and value a
// researcher has to fix; and the field quoting used to write it.
import { readCsv } from "../../csv/read";
import { fieldMessage, showText } from "../../rules/message";

/** A parse or row error that names where: 1-based table row (header = row 1), column and value. */
export class TableError extends Error {
  readonly row: number;
  readonly column: string;
  readonly value: string;
  constructor(row: number, column: string, value: string, message: string) {
    super(fieldMessage(`row ${row}, column "${column}"`, message, showText(value)));
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
 * Splits the comma-separated table into records (lib/csv). Quoted fields may hold commas, newlines and
 * doubled quotes (""); a BOM and blank lines are skipped. Throws TableError for a quote inside an unquoted
 * field, text after a closing quote, or an unclosed quote.
 */
export function parseCsv(text: string): CsvRecord[] {
  const read = readCsv(text, { separator: "," });
  const bad = read.records.find((r) => r.error);
  if (bad?.error) {
    const { field, message } = bad.error;
    throw new TableError(bad.record, `field ${field + 1}`, bad.fields[field] ?? "", `${message} (line ${bad.line})`);
  }
  const open = read.unclosed;
  if (open) throw new TableError(open.record, `field ${open.field + 1}`, open.value, `unclosed quote opened at line ${open.quoteLine}`);
  return read.records.map(({ record, line, fields }) => ({ row: record, line, fields }));
}

/** Quotes a field for writing when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
