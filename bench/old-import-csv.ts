// The importer's hand-written parser as it was before lib/csv (commit b3a467f), kept as the csv bench's anchor.
// RFC 4180 CSV → records, with the separator (`,` or `;`) detected from the header line. Hand-written
// (the project carries no CSV dependency) so that every problem names its row, line and column.
// Quoted fields may hold separators, doubled quotes and line breaks; CRLF, LF and a lone CR end a record.
// A malformed record (stray quote, text after a closing quote) is flagged and parsing resumes at the next
// record, so one bad row is rejected alone; an unclosed quote swallows the rest of the file and refuses it.
class ImportError extends Error {
  constructor(field: string, value: string, message: string) {
    super(`${field} ${JSON.stringify(value)}: ${message}`);
  }
}

export type Separator = "," | ";";

export interface CsvRecord {
  /** 1-based record number in the file: the header is record 1. */
  record: number;
  /** 1-based line where the record starts (differs from `record` once fields hold line breaks). */
  line: number;
  fields: string[];
  /** Set when the record is malformed: which field (0-based) and why. */
  error?: { field: number; message: string };
}

export interface ParsedCsv {
  separator: Separator;
  /** True when the file began with Excel's `sep=;` hint line, which is not a record. */
  sepHint: boolean;
  records: CsvRecord[];
}

/** The separator the header line uses most, outside quotes: `;` only when it outnumbers `,`. */
export function detectSeparator(text: string): Separator {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted; // a doubled quote toggles twice: no change, as it should
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && c === ",") commas++;
    else if (!quoted && c === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

const SEP_HINT = /^sep=([,;])\r?\n/i;

/**
 * Splits CSV text (BOM already removed) into records. Blank lines are skipped. Throws ImportError for an
 * unclosed quote or more than `maxRecords` records (with the message `tooMany`).
 */
export function parseCsv(input: string, maxRecords: number, tooMany = `the file has more than ${maxRecords} records (header included); split it`): ParsedCsv {
  const hint = SEP_HINT.exec(input);
  const text = hint ? input.slice(hint[0].length) : input;
  const separator: Separator = hint ? (hint[1] as Separator) : detectSeparator(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let error: CsvRecord["error"];
  let line = hint ? 2 : 1;
  let recordLine = line;
  // State: at the start of a field, inside an unquoted field, inside quotes, or just after a closing quote.
  let state: "start" | "plain" | "quoted" | "closed" = "start";
  let quoteLine = 0;

  const flag = (message: string) => {
    error ??= { field: fields.length, message };
  };
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === "" && !error)) {
      if (records.length >= maxRecords) {
        throw new ImportError("csv", `${records.length + 1} records`, tooMany);
      }
      records.push({ record: records.length + 1, line: recordLine, fields, ...(error ? { error } : {}) });
    }
    fields = [];
    field = "";
    error = undefined;
    state = "start";
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (state === "quoted") {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else state = "closed";
      } else {
        if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) line++;
        field += c;
      }
      continue;
    }
    if (c === separator) {
      fields.push(field);
      field = "";
      state = "start";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (c === '"' && state === "start") {
      state = "quoted";
      quoteLine = line;
    } else if (c === '"') {
      flag(state === "closed" ? "a quote right after a closing quote; double quotes inside a quoted field (\"\")" : "a quote inside an unquoted field; quote the whole field and double the inner quotes");
      field += c;
      state = "plain";
    } else {
      if (state === "closed") flag("text after the closing quote of a field");
      field += c;
      state = "plain";
    }
  }
  if (state === "quoted") {
    throw new ImportError("csv", field.slice(0, 40), `a quoted field opened on line ${quoteLine} (record ${records.length + 1}) is never closed`);
  }
  if (state !== "start" || fields.length > 0 || field !== "") endRecord();
  return { separator, sepHint: hint !== null, records };
}
