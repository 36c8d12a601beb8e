// Which reader a file needs: by its extension, else by its first bytes.
import type { SourceFormat } from "./types";

const BY_EXTENSION: Record<string, SourceFormat> = {
  csv: "csv",
  tsv: "csv",
  tab: "csv",
  txt: "csv",
  geojson: "geojson",
  json: "geojson",
  xlsx: "xlsx",
  ndjson: "ndjson",
  geojsonl: "ndjson",
  jsonl: "ndjson",
  geojsons: "ndjson",
  kml: "kml",
};

/** Spreadsheets no reader here opens: the old binary Excel and OpenDocument. */
export const REFUSED_EXTENSIONS: Record<string, string> = {
  xls: "an Excel 97–2003 workbook (.xls)",
  ods: "an OpenDocument spreadsheet (.ods)",
  kmz: "a zipped KML file (.kmz)",
};

export const extensionOf = (fileName: string) => /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? "";

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
export const isZip = (bytes: Uint8Array) => startsWith(bytes, ZIP_MAGIC);
export const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/** The first non-blank characters of the text, skipping a BOM. */
function head(text: string): string {
  return text.replace(/^\uFEFF/, "").trimStart().slice(0, 200);
}

/** A first line that is a whole object, followed by a line that opens another. */
const isJsonLines = (text: string) => /^\{[^\n]*\}[ \t]*\r?\n\s*\{/.test(text.replace(/^\uFEFF/, "").trimStart());

/** The format by extension, else by the bytes: zip → xlsx, `<?xml`/`<kml` → KML, `{`/`[` → JSON (one object per line → NDJSON), else CSV. */
export function detectFormat(fileName: string, bytes: Uint8Array, text: () => string): SourceFormat | "ole2" {
  const ext = BY_EXTENSION[extensionOf(fileName)];
  if (startsWith(bytes, OLE2_MAGIC)) return "ole2";
  if (startsWith(bytes, ZIP_MAGIC)) return "xlsx";
  // A .json file may hold one object per line: the lines, not the extension, say so.
  if (ext === "geojson" && isJsonLines(text())) return "ndjson";
  if (ext) return ext;
  const start = head(text());
  if (/^<(\?xml|kml)\b/i.test(start)) return "kml";
  if (start.startsWith("[")) return "geojson";
  if (start.startsWith("{")) return isJsonLines(text()) ? "ndjson" : "geojson";
  return "csv";
}
