// Bytes → Source: the one entry point of the file readers. Decides the format (extension, then the first
// bytes) and the encoding, and hands the text to the reader for that format. Pure and worker-safe.
import { ImportError } from "../errors";
import { DEFAULT_LIMITS, type ImportLimits } from "../limits";
import { checkFileSize } from "../size";
import { decodeSource } from "./encoding";
import { detectFormat, extensionOf, REFUSED_EXTENSIONS } from "./detect";
import { readJsonSource } from "./json";
import { readTable } from "./table";
import type { ReadSourceOptions, Source } from "./types";

export type { Source, SourceRecord, SourceBatch, SourceFormat, EncodingGuess, ReadSourceOptions } from "./types";
export { SAMPLE_ROWS } from "./types";
export { BATCH_SIZE } from "./batch";

/** Reads a file's bytes as a Source. Throws ImportError when the file cannot be read at all. */
export function readSource(bytes: Uint8Array, fileName: string, options: ReadSourceOptions = {}): Source {
  const limits: ImportLimits = { ...DEFAULT_LIMITS, ...options.limits };
  checkFileSize(bytes.byteLength, limits.maxBytes);
  if (bytes.byteLength === 0) throw new ImportError("file", fileName, "the file is empty");
  const refused = REFUSED_EXTENSIONS[extensionOf(fileName)];
  if (refused) throw new ImportError("file", fileName, `this is ${refused}, which cannot be read here; save it as .xlsx or CSV UTF-8 and import that`);
  let decoded: ReturnType<typeof decodeSource> | undefined;
  const decode = () => (decoded ??= decodeSource(bytes, options.encoding));
  const format = detectFormat(fileName, bytes, () => decode().text);
  if (format === "ole2") throw new ImportError("file", fileName, "this is an Excel 97–2003 (.xls) or other OLE2 file, which cannot be read here; save it as .xlsx or CSV UTF-8 and import that");
  if (format === "xlsx" || format === "kml" || format === "ndjson") {
    throw new ImportError("file", fileName, `${format} files cannot be read yet; save it as CSV UTF-8 or GeoJSON`);
  }
  const { text, encoding, warnings } = decode();
  const ctx = { fileName, byteLength: bytes.byteLength, encoding, warnings, limits };
  if (format === "csv") return readTable(text, { ...ctx, options });
  return readJsonSource(text, ctx);
}
