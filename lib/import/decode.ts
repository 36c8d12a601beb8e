// Bytes → text for the old import path, through lib/import/source/encoding.ts: the report's encoding name
// ("utf-8", "utf-8 (BOM)", "utf-16le (BOM)", "windows-1252", …) and the decoding warnings.
import { ImportError } from "./errors";
import { decodeSource } from "./source/encoding";
import { OLE2_MAGIC, ZIP_MAGIC } from "./source/detect";

export type TextEncodingName = string;

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  warnings: string[];
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

/** Decodes a whole file; throws ImportError for spreadsheet binaries and text holding NUL characters. */
export function decodeBytes(bytes: Uint8Array, encoding?: string): DecodedText {
  if (startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, OLE2_MAGIC)) {
    throw new ImportError("file", "spreadsheet", "this is a spreadsheet file (xlsx/xls/ods), not CSV; save it as \"CSV UTF-8\" and import that");
  }
  const decoded = decodeSource(bytes, encoding);
  const name = decoded.encoding.basis === "bom" ? `${decoded.encoding.name} (BOM)` : decoded.encoding.name;
  return { text: decoded.text, encoding: name, warnings: decoded.warnings };
}
