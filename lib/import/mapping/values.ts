// Raw cell values → numbers, text and points, whatever the file wrote: CSV text, JSON scalars, xlsx numbers.
// Each parser throws an Error whose message is the rule the value broke; the caller names field and value.

/** Blank: absent, null, or text of whitespace only (non-breaking spaces included). */
export const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
// Spaces people and spreadsheets put inside numbers: ordinary, non-breaking, narrow and thin spaces.
const INNER_SPACES = /[\s\u00a0\u202f\u2009]+/g;

/**
 * A number as a file writes it, or null when blank: JSON/xlsx numbers as they are; text with spaces
 * anywhere ("32 .6", "1 234") and one decimal comma ("32,6": no file writes thousands separators in
 * coordinates, and a count with one is refused as not whole).
 */
export function parseNumber(value: unknown): number | null {
  if (isBlank(value)) return null;
  let n: number;
  if (typeof value === "number") n = value;
  // A plain decimal (most cells of a CSV's number columns) is read without the clean-up copies below.
  else if (typeof value === "string" && DECIMAL.test(value)) n = Number(value);
  else if (typeof value === "string") {
    let t = value.replace(INNER_SPACES, "");
    if (/^[+-]?\d*,\d+$/.test(t)) t = t.replace(",", ".");
    if (!DECIMAL.test(t)) throw new Error("must be a decimal number");
    n = Number(t);
  } else throw new Error(`must be a number, not ${typeof value}`);
  if (!Number.isFinite(n)) throw new Error("must be a finite number (a value such as 1e400 overflows to Infinity)");
  return n;
}

/** A whole number ≥ 0 (a count), or null when blank. "12.0" and 12.0 are whole; "1.5" is not. */
export function parseCount(value: unknown): number | null {
  let n: number | null;
  try {
    n = parseNumber(value);
  } catch {
    throw new Error("must be a whole number ≥ 0");
  }
  if (n === null) return null;
  if (!Number.isSafeInteger(n) || n < 0) throw new Error("must be a whole number ≥ 0");
  return n;
}

/**
 * A value as text for a text property: strings byte for byte, numbers and booleans written out, nested
 * JSON as its JSON text (the map shows properties as text, and a nested object could carry keys such as
 * `__proto__` into code that merges objects). "" for absent.
 */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  return JSON.stringify(value) ?? "";
}

const NUM = "([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)";
const WKT_POINT = new RegExp(`^\\s*POINT\\s*(?:Z|M|ZM)?\\s*\\(\\s*${NUM}\\s+${NUM}(?:\\s+${NUM}){0,2}\\s*\\)\\s*$`, "i");
/** Looks like WKT of any kind: used to guess a column's role and to name the unsupported kinds. */
export const WKT_ANY = /^\s*(?:SRID=\d+;\s*)?(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION)\b/i;

/** WKT `POINT (x y)` (x = longitude) → [lng, lat]; throws for other WKT or anything else. */
export function parseWktPoint(text: string): [number, number] {
  const t = text.replace(/^\s*SRID=4326;/i, "");
  const m = WKT_POINT.exec(t);
  if (m) return [Number(m[1]), Number(m[2])];
  const kind = WKT_ANY.exec(t)?.[1];
  throw new Error(kind ? `WKT ${kind.toUpperCase()} is not read; only POINT (longitude latitude)` : "must be WKT such as POINT (36.1 32.6)");
}

/** Every http(s)-looking string inside a value (JSON arrays and objects included), in order. */
export function urlsIn(value: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 8) return out;
  if (typeof value === "string") {
    for (const m of value.matchAll(/https?:\/\/[^\s"'<>]+/gi)) out.push(m[0]);
  } else if (Array.isArray(value)) for (const v of value) urlsIn(v, out, depth + 1);
  else if (typeof value === "object" && value !== null) for (const v of Object.values(value)) urlsIn(v, out, depth + 1);
  return out;
}
