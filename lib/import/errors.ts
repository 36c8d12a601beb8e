// The one error that refuses a whole file. Row-level problems are never thrown: they go to the report.
import { fieldMessage, showValue } from "../rules/message";

/** Thrown when the whole file is refused (too big, too deep, not JSON/CSV, no usable column): nothing is imported. */
export class ImportError extends Error {
  /** What was wrong: "file", "encoding", "json", "csv", "columns", "crs", "geocode", or a column name. */
  readonly field: string;
  /** The offending value as shown to the user (shortened JSON text; never HTML). */
  readonly value: string;
  constructor(field: string, value: unknown, message: string) {
    const shown = showValue(value);
    super(fieldMessage(field, message, shown));
    this.name = "ImportError";
    this.field = field;
    this.value = shown;
  }
}
