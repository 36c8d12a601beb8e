// CSV/TSV text → records, through PapaParse, with what researchers' files need on top: the separator
// detected from the header line (or Excel's `sep=` hint), each record's number and starting line, a
// record limit that stops reading early, and a malformed record flagged alone while reading resumes at
// the next line. Pure and browser-safe: the import worker runs it.
import Papa from "papaparse";

export type Separator = "," | ";" | "\t" | "|";

/** The separators recognised, in the order that breaks a tie in the header line's counts. */
export const SEPARATORS: readonly Separator[] = [",", ";", "\t", "|"];

export interface CsvRecord {
  /** 1-based record number in the file: the header is record 1. */
  record: number;
  /** 1-based line where the record starts (differs from `record` once fields hold line breaks). */
  line: number;
  fields: string[];
  /** Set when the record is malformed: which field (0-based) and why. */
  error?: { field: number; message: string };
}

/** A quoted field that is never closed: it would swallow the rest of the file, so reading stops there. */
export interface CsvUnclosed {
  record: number;
  /** Line where the record starts. */
  line: number;
  /** Line of the opening quote. */
  quoteLine: number;
  /** 0-based field index and its text up to the end of the file. */
  field: number;
  value: string;
}

export interface CsvRead {
  separator: Separator;
  /** True when the file began with Excel's `sep=;` hint line, which is not a record. */
  sepHint: boolean;
  records: CsvRecord[];
  /** True when the file holds more than `maxRecords` records; `records` then stops at the limit. */
  truncated: boolean;
  unclosed?: CsvUnclosed;
}

export interface CsvOptions {
  // @option separator: Separator | undefined = undefined, detected from the header line (detectSeparator)
  separator?: Separator;
  // @option maxRecords: number = Infinity, records read before stopping with `truncated` (blank lines do not count)
  maxRecords?: number;
  // @option maxRecordChars: number = 2^26, characters one record may span before its open quote is reported
  // as never closed (a stray quote early in a 500 MB file would otherwise gather the rest into one string,
  // past what V8 allows)
  maxRecordChars?: number;
  // @option papaOnly: boolean = false, every record read by PapaParse, none by plainRecords: the reading the
  // plain one must agree with, for the tests that compare them
  papaOnly?: boolean;
}

export const STRAY_QUOTE = "a quote inside an unquoted field; quote the whole field and double the inner quotes";
export const AFTER_CLOSING = "text after the closing quote of a field; double quotes inside a quoted field (\"\")";

/** The separator the header line uses most, outside quotes; a tie goes to the earlier of `, ; tab |`. */
export function detectSeparator(text: string): Separator {
  const counts = new Map<string, number>();
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted; // a doubled quote toggles twice: no change, as it should
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: Separator = ",";
  for (const separator of SEPARATORS) if ((counts.get(separator) ?? 0) > (counts.get(best) ?? 0)) best = separator;
  return best;
}

// Window sizes, in characters: large enough that PapaParse's own overhead vanishes, small enough after a
// malformed record or a lone CR that a file full of them is still read in linear time. A window's records are
// read before any is handed on: 64K characters (a few hundred records) die young; 1M (~3,000) were copied by
// the young generation's collections.
const WINDOW_MAX = 1 << 16;
const WINDOW_MIN = 256;

// @option LOOKAHEAD: number = 65536, characters read before settling the line ending and separator when no LF has appeared.
const LOOKAHEAD = 1 << 16;

const SEP_HINT = /^sep=([,;\t|])\r?\n/i;


/** Index of the quote that closes the field opened at `open`, skipping doubled quotes. */
function closingQuote(s: string, open: number): number {
  let i = open + 1;
  for (;;) {
    const quote = s.indexOf('"', i);
    if (quote === -1 || s[quote + 1] !== '"') return quote;
    i = quote + 2;
  }
}

/** Checks the raw text of a record that holds a quote against the fields PapaParse read from it. */
function misquoted(fields: string[], s: string, start: number, sep: string): CsvRecord["error"] {
  let p = start;
  for (let k = 0; k < fields.length; k++) {
    const f = fields[k];
    if (s[p] === '"') {
      // Read without an InvalidQuotes error, the field's raw text is its value quoted, inner quotes doubled;
      // PapaParse lets spaces stand between the closing quote and the separator, the file's author did not mean them.
      p += f.length + 2 + quotesIn(f);
      const next = s[p];
      const ends = k < fields.length - 1 ? next === sep : next === undefined || next === "\n" || (next === "\r" && s[p + 1] === "\n");
      if (!ends) return { field: k, message: AFTER_CLOSING };
      p++;
    } else {
      if (f.includes('"')) return { field: k, message: STRAY_QUOTE };
      p += f.length + 1;
    }
  }
  return undefined;
}

const quotesIn = (f: string) => {
  let n = 0;
  for (let i = f.indexOf('"'); i !== -1; i = f.indexOf('"', i + 1)) n++;
  return n;
};

/** Which of a record's fields starts at `index` (the fields before it are well quoted). */
function fieldAt(fields: string[], s: string, start: number, index: number): number {
  let p = start;
  for (let k = 0; k < fields.length; k++) {
    if (p >= index) return k;
    const f = fields[k];
    p += s[p] === '"' ? f.length + 2 + quotesIn(f) + 1 : f.length + 1;
  }
  return fields.length - 1;
}

/** The first CR of a well-quoted record that lies in an unquoted field and is not a CRLF's: field, index in it, position. */
function loneCr(fields: string[], s: string, start: number): { field: number; at: number; pos: number } | undefined {
  let p = start;
  for (let k = 0; k < fields.length; k++) {
    const f = fields[k];
    if (s[p] === '"') {
      p += f.length + 2 + quotesIn(f) + 1;
      continue;
    }
    const at = f.indexOf("\r");
    if (at !== -1) return { field: k, at, pos: p + at };
    p += f.length + 1;
  }
  return undefined;
}

/** Where plainRecords stopped: at `stop` (the window's end, or the start of a record it leaves to PapaParse). */
interface PlainRead {
  stop: number;
  line: number;
  count: number;
  truncated: boolean;
}

/**
 * The records of a window (LF line ends) read straight off the text while each is plainly well formed:
 * quoted fields that close within the window and are followed by the separator or the line's end, unquoted
 * fields without a quote or a lone CR. They read exactly as PapaParse and the checks above read them; the
 * first record that is anything else (or a window without its closing quote) stops the read there, and
 * PapaParse reads it with every check. PapaParse's step callback costs a result object and a second look
 * at the raw text (misquoted, loneCr) per record; this reads each character once (2.2× on our export's
 * CSV, bench/csv.bench.ts).
 */
function plainRecords(input: string, sep: string, line: number, count: number, maxRecords: number, out: CsvRecord[], ends: number[]): PlainRead {
  const n = input.length;
  const sepCode = sep.charCodeAt(0);
  const at = (ch: string, from: number) => {
    const i = input.indexOf(ch, from);
    return i === -1 ? n : i;
  };
  // The next separator, line feed, quote and CR at or after the read position, found lazily.
  let nextSep = -1;
  let nextLf = -1;
  let nextQuote = -1;
  let nextCr = -1;
  let p = 0;
  while (p < n) {
    const start = p;
    const fields: string[] = [];
    // Line feeds the record holds, its own at the end included.
    let lines = 0;
    for (;;) {
      if (input.charCodeAt(p) === 0x22) {
        let close = p + 1;
        let doubled = false;
        for (;;) {
          close = input.indexOf('"', close);
          if (close === -1) return { stop: start, line, count, truncated: false };
          if (input.charCodeAt(close + 1) !== 0x22) break;
          doubled = true;
          close += 2;
        }
        const value = input.slice(p + 1, close);
        fields.push(doubled ? value.replaceAll('""', '"') : value);
        if (nextLf < p) nextLf = at("\n", p);
        for (; nextLf < close; nextLf = at("\n", nextLf + 1)) lines++;
        const after = input.charCodeAt(close + 1);
        if (after === sepCode) {
          p = close + 2;
          continue;
        }
        if (close + 1 === n) p = n;
        else if (after === 0x0a || (after === 0x0d && input.charCodeAt(close + 2) === 0x0a)) {
          p = after === 0x0a ? close + 2 : close + 3;
          lines++;
        } else return { stop: start, line, count, truncated: false };
        break;
      }
      if (nextSep < p) nextSep = at(sep, p);
      if (nextLf < p) nextLf = at("\n", p);
      if (nextQuote < p) nextQuote = at('"', p);
      if (nextCr < p) nextCr = at("\r", p);
      const end = nextSep < nextLf ? nextSep : nextLf;
      if (nextQuote < end) return { stop: start, line, count, truncated: false };
      if (nextSep < nextLf) {
        if (nextCr < end) return { stop: start, line, count, truncated: false };
        fields.push(input.slice(p, end));
        p = end + 1;
        continue;
      }
      // The line's end (or the text's): a CRLF's CR is not the field's, a lone CR is left to PapaParse's reading.
      let fieldEnd = end;
      if (nextCr < end) {
        if (nextCr !== end - 1 || end === n) return { stop: start, line, count, truncated: false };
        fieldEnd = end - 1;
      }
      fields.push(input.slice(p, fieldEnd));
      p = end === n ? n : end + 1;
      if (end < n) lines++;
      break;
    }
    const recordLine = line;
    line += lines;
    if (fields.length === 1 && fields[0] === "") continue;
    if (count >= maxRecords) return { stop: start, line: recordLine, count, truncated: true };
    out.push({ record: ++count, line: recordLine, fields });
    ends.push(p);
  }
  return { stop: n, line, count, truncated: false };
}

/** The end of a stream of records: what `readCsv` reports beside the records. */
export interface CsvEnd {
  truncated: boolean;
  unclosed?: CsvUnclosed;
}

/**
 * Records from text that arrives in chunks (a large file decoded piece by piece), read exactly as
 * `readCsv` reads the whole text. The separator, Excel's `sep=` hint and the line ending are settled from
 * the first chunk; `records()` then pulls chunks only as far as it needs.
 */
export class CsvStream {
  readonly separator: Separator;
  readonly sepHint: boolean;
  /** Set once `records()` has finished. */
  end: CsvEnd | undefined;
  /** True when the text's last character is a line break (known once `records()` has finished). */
  endsWithLineBreak = false;
  /** Characters of the text read so far (up to the end of the last record yielded), for progress. */
  position = 0;
  private discarded = 0;
  private src: string;
  private readonly chunks: Iterator<string>;
  private eof = false;
  private readonly newline: "\n" | "\r";
  private readonly maxRecords: number;
  private readonly maxRecordChars: number;
  private readonly papaOnly: boolean;

  constructor(chunks: Iterable<string>, options: CsvOptions = {}) {
    this.chunks = chunks[Symbol.iterator]();
    this.src = "";
    this.maxRecords = options.maxRecords ?? Infinity;
    this.maxRecordChars = options.maxRecordChars ?? 1 << 26;
    this.papaOnly = options.papaOnly ?? false;
    // Enough text to see the first line and the line ending before deciding anything (a file of CR
    // endings shows no LF in its first LOOKAHEAD characters).
    while (!this.eof && !this.src.includes("\n") && this.src.length < LOOKAHEAD) this.pull();
    if (this.src.charCodeAt(0) === 0xfeff) this.src = this.src.slice(1);
    // PapaParse reads one line ending per file: LF when there is any (a CRLF's CR is then dropped from the
    // last field, a lone CR outside quotes splits the record below), else CR (old Mac files).
    this.newline = this.src.includes("\n") || !this.src.includes("\r") ? "\n" : "\r";
    const hint = SEP_HINT.exec(this.src);
    this.sepHint = hint !== null;
    this.separator = options.separator ?? (hint ? (hint[1] as Separator) : detectSeparator(this.src));
  }

  private pull(): void {
    const next = this.chunks.next();
    if (next.done) this.eof = true;
    else {
      this.src += next.value;
      this.pulled += next.value.length;
    }
  }

  /** Characters pulled from the chunks so far. */
  pulled = 0;

  /** Reads the records in order; `end` is set when they are done. */
  *records(): Generator<CsvRecord> {
    const { separator, newline, maxRecords, maxRecordChars } = this;
    const hint = this.sepHint ? SEP_HINT.exec(this.src) : null;
    let count = 0;
    let truncated = false;
    let unclosed: CsvUnclosed | undefined;
    let line = hint ? 2 : 1;
    let base = hint ? hint[0].length : 0;
    // Next quote and next lone CR in the buffer, found lazily: records without them need no second look.
    let quoteAt = -2;
    let crAt = newline === "\n" ? -2 : -1;
    const next = (at: number, ch: string, from: number) => (at !== -1 && at < from ? this.src.indexOf(ch, from) : at);

    // PapaParse reads on past a malformed quote to the next well-placed one, so it is given the file in
    // windows ending at a line end: small after a malformed record or a lone CR, doubling while records read cleanly.
    let size = WINDOW_MAX;
    // LF files are read by plainRecords where they are plain (nearly everywhere), by PapaParse after each record it left.
    const plain = newline === "\n" && !this.papaOnly;
    let papaNext = false;
    for (;;) {
      // More text until the window can end at a line break past `size`, or the text has ended.
      while (!this.eof && (this.src.length - base <= size || this.src.indexOf(newline, base + size) === -1)) {
        if (base > 0) {
          this.src = this.src.slice(base);
          this.discarded += base;
          base = 0;
        }
        this.pull();
        quoteAt = -2;
        if (crAt !== -1) crAt = -2;
      }
      const src = this.src;
      if (base >= src.length) break;
      const cut = size >= src.length - base ? -1 : src.indexOf(newline, base + size);
      const windowEnd = cut === -1 ? src.length : cut + 1;
      const input = src.slice(base, windowEnd);
      const offset = base;
      const atEof = windowEnd === src.length && this.eof;
      let resume = atEof ? -1 : windowEnd;
      let grow = true;
      let prev = 0;
      const out: CsvRecord[] = [];
      const ends: number[] = [];
      const countLines = (from: number, to: number) => {
        let n = 0;
        for (let i = input.indexOf(newline, from); i !== -1 && i < to; i = input.indexOf(newline, i + 1)) n++;
        return n;
      };
      if (plain && !papaNext) {
        const read = plainRecords(input, separator, line, count, maxRecords, out, ends);
        ({ line, count } = read);
        if (read.truncated) {
          truncated = true;
          resume = -1;
        } else if (read.stop < input.length) {
          // PapaParse reads on from the record the plain reading left, in a small window unless that record
          // opens the window (a quoted field that may close past its end keeps the size it had).
          resume = offset + read.stop;
          papaNext = true;
          if (read.stop > 0) size = WINDOW_MIN;
          grow = false;
        }
      } else {
        papaNext = false;
        Papa.parse<string[]>(input, {
          delimiter: separator,
          newline,
          quoteChar: '"',
          escapeChar: '"',
          step: (result, parser) => {
            const start = prev;
            const end = result.meta.cursor;
            prev = end;
            const fields = result.data;
            const recordLine = line;
            const invalid = result.errors.find((e) => e.code === "InvalidQuotes");
            const missing = result.errors.find((e) => e.code === "MissingQuotes");
            if (invalid?.index !== undefined) {
              // PapaParse would read on to the next well-placed quote; the record ends at its own line end.
              // PapaParse's index is just after the opening quote.
              const open = invalid.index - 1;
              const close = closingQuote(input, open);
              const stop = input.indexOf(newline, close);
              const lineEnd = stop === -1 ? input.length : stop;
              const raw = input.slice(start, lineEnd).replace(/\r$/, "");
              if (count >= maxRecords) truncated = true;
              else {
                out.push({ record: ++count, line: recordLine, fields: raw.split(separator), error: { field: fieldAt(fields, input, start, open), message: AFTER_CLOSING } });
                ends.push(lineEnd);
              }
              line = recordLine + countLines(start, lineEnd + 1);
              resume = truncated || (stop === -1 && atEof) ? -1 : offset + lineEnd + 1;
              size = WINDOW_MIN;
              grow = false;
              parser.abort();
              return;
            }
            if (missing?.index !== undefined) {
              if (!atEof && input.length - start <= maxRecordChars) {
                // The quoted field may close past the window's end: read this record again from its start, in
                // a larger window only when it alone fills this one (else the window would keep doubling).
                resume = offset + start;
                if (start === 0) size = Math.max(size, input.length) * 2;
                papaNext = true;
                grow = false;
                parser.abort();
                return;
              }
              const value = fields[fields.length - 1] ?? "";
              unclosed = { record: count + 1, line: recordLine, quoteLine: recordLine + countLines(start, missing.index), field: fields.length - 1, value };
              resume = -1;
              parser.abort();
              return;
            }
            const last = fields.length - 1;
            if (newline === "\n" && input[end - 1] === "\n" && input[end - 2] === "\r" && input[end - 3] !== '"' && fields[last].endsWith("\r")) {
              fields[last] = fields[last].slice(0, -1);
            }
            quoteAt = next(quoteAt, '"', offset + start);
            const error = quoteAt !== -1 && quoteAt < offset + end ? misquoted(fields, input, start, separator) : undefined;
            crAt = next(crAt, "\r", offset + start);
            if (!error && crAt !== -1 && crAt < offset + end) {
              const split = loneCr(fields, input, start);
              if (split) {
                // A lone CR outside quotes ends the record here; reading resumes after it.
                fields.length = split.field + 1;
                fields[split.field] = fields[split.field].slice(0, split.at);
                line = recordLine + countLines(start, split.pos) + 1;
                resume = offset + split.pos + 1;
                size = WINDOW_MIN;
                grow = false;
                parser.abort();
              } else line += countLines(start, end);
            } else line += countLines(start, end);
            if (fields.length === 1 && fields[0] === "") return;
            if (count >= maxRecords) {
              truncated = true;
              resume = -1;
              parser.abort();
              return;
            }
            out.push({ record: ++count, line: recordLine, fields, ...(error ? { error } : {}) });
            ends.push(end);
          },
        });
      }
      const before = this.discarded + offset;
      for (let k = 0; k < out.length; k++) {
        this.position = before + ends[k];
        yield out[k];
      }
      if (resume < 0) break;
      if (grow) size = Math.min(size * 2, WINDOW_MAX);
      base = resume;
    }
    const tail = this.src[this.src.length - 1];
    this.endsWithLineBreak = tail === "\n" || tail === "\r";
    this.end = { truncated, ...(unclosed ? { unclosed } : {}) };
  }
}

/**
 * Splits CSV text into records. A BOM and blank lines are skipped; CRLF, LF and a lone CR end a record;
 * quoted fields may hold separators, doubled quotes and line breaks; rows may be ragged. A malformed
 * record (stray quote, text after a closing quote) is flagged and reading resumes at the next line; an
 * unclosed quote stops reading and is reported in `unclosed`.
 */
export function readCsv(text: string, options: CsvOptions = {}): CsvRead {
  const stream = new CsvStream([text], options);
  const records = [...stream.records()];
  const end = stream.end as CsvEnd;
  return { separator: stream.separator, sepHint: stream.sepHint, records, truncated: end.truncated, ...(end.unclosed ? { unclosed: end.unclosed } : {}) };
}

/** Where a file that must be read whole stops: a malformed record, an unclosed quote, or too many records. */
export class CsvError extends Error {
  constructor(
    readonly kind: "malformed" | "unclosed" | "truncated",
    /** 1-based record and the line it starts on; for "truncated", the first record past the limit. */
    readonly record: number,
    readonly line: number,
    /** 0-based field, and its text (for "unclosed", up to the end of the file); -1 and "" for "truncated". */
    readonly field: number,
    readonly value: string,
    readonly reason: string,
  ) {
    super(field < 0 ? reason : `row ${record} (line ${line}), field ${field + 1}: ${reason}`);
    this.name = "CsvError";
  }
}

/** readCsv for a file that must be read whole (a table, a gazetteer supplement): its first problem throws CsvError. */
export function readWholeCsv(text: string, options: CsvOptions = {}): CsvRead {
  const table = readCsv(text, options);
  const malformed = table.records.find((r) => r.error);
  if (malformed?.error) throw new CsvError("malformed", malformed.record, malformed.line, malformed.error.field, malformed.fields[malformed.error.field] ?? "", malformed.error.message);
  const open = table.unclosed;
  if (open) throw new CsvError("unclosed", open.record, open.line, open.field, open.value, `a quote opened on line ${open.quoteLine} is never closed`);
  if (table.truncated) throw new CsvError("truncated", (table.records.at(-1)?.record ?? 0) + 1, 0, -1, "", `more than ${options.maxRecords} records`);
  return table;
}
