// Bytes → Source: the one entry point of the file readers. Decides the format (extension, then the first
// bytes) and the encoding, and hands the text to the reader for that format. Pure and worker-safe.
import { ImportError } from "../errors";
import { DEFAULT_LIMITS, type ImportLimits } from "../limits";
import { checkFileSize } from "../size";
import { decodeSource, resolveEncoding } from "./encoding";
import { detectFormat, extensionOf, REFUSED_EXTENSIONS } from "./detect";
import { readJsonSource } from "./json";
import { readKml } from "./kml";
import { readNdjson } from "./ndjson";
import { readTable } from "./table";
import type { ReadSourceOptions, Source } from "./types";

export type { Source, SourceRecord, SourceBatch, SourceFormat, EncodingGuess, ReadSourceOptions } from "./types";
export { SAMPLE_ROWS } from "./types";
export { BATCH_SIZE } from "./batch";

// @option SNIFF_BYTES: number = 65536, bytes decoded to tell the format of a file whose extension does not.
const SNIFF_BYTES = 65536;

/** Reads a file's bytes as a Source. Throws ImportError when the file cannot be read at all. */
export function readSource(bytes: Uint8Array, fileName: string, options: ReadSourceOptions = {}): Source {
  const limits: ImportLimits = { ...DEFAULT_LIMITS, ...options.limits };
  checkFileSize(bytes.byteLength, limits.maxBytes);
  if (bytes.byteLength === 0) throw new ImportError("file", fileName, "the file is empty");
  const refused = REFUSED_EXTENSIONS[extensionOf(fileName)];
  if (refused) throw new ImportError("file", fileName, `this is ${refused}, which cannot be read here; save it as .xlsx or CSV UTF-8 and import that`);
  const resolved = resolveEncoding(bytes, options.encoding);
  // Sniffing needs only the start of the text.
  const start = () => new TextDecoder(resolved.encoding.name, { ignoreBOM: true }).decode(bytes.subarray(resolved.skip, resolved.skip + SNIFF_BYTES));
  const format = detectFormat(fileName, bytes, start);
  if (format === "ole2") throw new ImportError("file", fileName, "this is an Excel 97–2003 (.xls) or other OLE2 file, which cannot be read here; save it as .xlsx or CSV UTF-8 and import that");
  if (format === "ndjson") return readNdjson(bytes, { fileName, byteLength: bytes.byteLength, resolved, limits });
  if (format === "xlsx") {
    throw new ImportError("file", fileName, `${format} files cannot be read yet; save it as CSV UTF-8 or GeoJSON`);
  }
  if (format === "csv") return readTable(bytes, { fileName, byteLength: bytes.byteLength, resolved, limits, options });
  const { text, encoding, warnings } = decodeSource(bytes, options.encoding);
  const ctx = { fileName, byteLength: bytes.byteLength, encoding, warnings, limits };
  return format === "kml" ? readKml(text, ctx) : readJsonSource(text, ctx);
}
