// Bytes → Source: the one entry point of the file readers. Decides the format (extension, then the first
// bytes) and the encoding, and hands the text to the reader for that format. Pure and worker-safe.
import { ImportError } from "../errors";
import { DEFAULT_LIMITS, type ImportLimits } from "../limits";
import { checkFileSize } from "../size";
import { decodeResolved, resolveEncoding } from "./encoding";
import { detectFormat, extensionOf, isZip, REFUSED_EXTENSIONS } from "./detect";
import { readJsonSource } from "./json";
import { readKml } from "./kml";
import { readNdjson } from "./ndjson";
import { readTable } from "./table";
import { readXlsx } from "./xlsx";
import type { ReadSourceOptions, Source } from "./types";

export type { Source, SourceRecord, SourceBatch, SourceFormat, EncodingGuess, ReadSourceOptions } from "./types";
export { SAMPLE_ROWS } from "./types";
export { BATCH_SIZE } from "./batch";

const TAB_EXTENSIONS = new Set(["tsv", "tab"]);

// @option SNIFF_BYTES: number = 65536, bytes decoded to tell the format of a file whose extension does not.
const SNIFF_BYTES = 65536;

/** Whether the file needs readSourceAsync (an .xlsx workbook: read-excel-file only reads asynchronously). */
export function needsAsync(bytes: Uint8Array, fileName: string): boolean {
  return isZip(bytes) || extensionOf(fileName) === "xlsx";
}

/** readSource for every format, .xlsx workbooks included. */
export async function readSourceAsync(bytes: Uint8Array, fileName: string, options: ReadSourceOptions = {}): Promise<Source> {
  if (!needsAsync(bytes, fileName)) return readSource(bytes, fileName, options);
  const limits: ImportLimits = { ...DEFAULT_LIMITS, ...options.limits };
  checkFileSize(bytes.byteLength, limits.maxBytes);
  if (!isZip(bytes)) throw new ImportError("file", fileName, "the file is named .xlsx but is not a zip archive, as every .xlsx workbook is; it may be another format renamed");
  return readXlsx(bytes, { fileName, limits, options });
}

/** Reads a file's bytes as a Source. Throws ImportError when the file cannot be read at all. */
export function readSource(bytes: Uint8Array, fileName: string, options: ReadSourceOptions = {}): Source {
  const limits: ImportLimits = { ...DEFAULT_LIMITS, ...options.limits };
  checkFileSize(bytes.byteLength, limits.maxBytes);
  if (bytes.byteLength === 0) throw new ImportError("file", fileName, "the file is empty");
  const refused = REFUSED_EXTENSIONS[extensionOf(fileName)];
  if (refused) throw new ImportError("file", fileName, `this is ${refused}, which cannot be read here; save it as .xlsx or CSV UTF-8 and import that`);
  if (isZip(bytes)) throw new ImportError("file", fileName, "an .xlsx workbook is read asynchronously: use readSourceAsync");
  const resolved = resolveEncoding(bytes, options.encoding);
  // Sniffing needs only the start of the text.
  const start = () => new TextDecoder(resolved.encoding.name, { ignoreBOM: true }).decode(bytes.subarray(resolved.skip, resolved.skip + SNIFF_BYTES));
  const format = detectFormat(fileName, bytes, start);
  if (format === "ole2") throw new ImportError("file", fileName, "this is an Excel 97–2003 (.xls) or other OLE2 file, which cannot be read here; save it as .xlsx or CSV UTF-8 and import that");
  if (format === "ndjson") return readNdjson(bytes, { fileName, byteLength: bytes.byteLength, resolved, limits });
  if (format === "xlsx") throw new ImportError("file", fileName, "the file is named .xlsx but is not a zip archive, as every .xlsx workbook is; it may be another format renamed");
  if (format === "csv") {
    // A .tsv is tab-separated whatever its header's commas say.
    const tab = TAB_EXTENSIONS.has(extensionOf(fileName)) && options.separator === undefined;
    return readTable(bytes, { fileName, byteLength: bytes.byteLength, resolved, limits, options: tab ? { ...options, separator: "\t" } : options });
  }
  const { text, encoding, warnings } = decodeResolved(bytes, resolved);
  const ctx = { fileName, byteLength: bytes.byteLength, encoding, warnings, limits };
  return format === "kml" ? readKml(text, ctx) : readJsonSource(text, ctx);
}
