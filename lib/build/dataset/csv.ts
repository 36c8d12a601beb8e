// Errors that name the row, column and value a researcher has to fix in the source table; and the field
// quoting used to write it.
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

/** Quotes a field for writing when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
