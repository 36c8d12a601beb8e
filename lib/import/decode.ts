// Bytes → text. A byte-order mark decides; without one the bytes are read as UTF-8 when they are valid
// UTF-8 (a fatal decoder, so nothing is silently replaced with U+FFFD), else as windows-1256, the Arabic
// code page Excel on Arabic Windows writes. The report says which encoding was used.
import { ImportError } from "./errors";

export type TextEncodingName = "utf-8" | "utf-8 (BOM)" | "utf-16le (BOM)" | "utf-16be (BOM)" | "windows-1256";

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

// Zip (xlsx, ods) and the old OLE2 container (xls): spreadsheets saved in their own format, not as CSV.
const SPREADSHEET_MAGIC: readonly (readonly number[])[] = [
  [0x50, 0x4b, 0x03, 0x04],
  [0xd0, 0xcf, 0x11, 0xe0],
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function decodeWith(label: string, bytes: Uint8Array, fatal: boolean): string {
  // ignoreBOM: the BOM has been sliced off already when there was one; keep any other U+FEFF as data.
  return new TextDecoder(label, { fatal, ignoreBOM: true }).decode(bytes);
}

/** Decodes a whole file; throws ImportError for spreadsheet binaries and text holding NUL characters. */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (SPREADSHEET_MAGIC.some((m) => startsWith(bytes, m))) {
    throw new ImportError("file", "spreadsheet", "this is a spreadsheet file (xlsx/xls/ods), not CSV; save it as \"CSV UTF-8\" and import that");
  }
  let decoded: DecodedText;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) decoded = { text: decodeUtf8(bytes.subarray(3)), encoding: "utf-8 (BOM)" };
  else if (startsWith(bytes, [0xff, 0xfe])) decoded = { text: decodeWith("utf-16le", bytes.subarray(2), false), encoding: "utf-16le (BOM)" };
  else if (startsWith(bytes, [0xfe, 0xff])) decoded = { text: decodeWith("utf-16be", bytes.subarray(2), false), encoding: "utf-16be (BOM)" };
  else {
    try {
      decoded = { text: decodeWith("utf-8", bytes, true), encoding: "utf-8" };
    } catch {
      decoded = { text: decodeWith("windows-1256", bytes, false), encoding: "windows-1256" };
    }
  }
  // A NUL never occurs in CSV or JSON text; it means a binary file or a UTF-16 file without its BOM.
  const nul = decoded.text.indexOf("\u0000");
  if (nul !== -1) {
    throw new ImportError("file", `NUL at character ${nul}`, "the file holds NUL characters: it is binary, or UTF-16 without a byte-order mark; save it as CSV UTF-8 or GeoJSON");
  }
  return decoded;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return decodeWith("utf-8", bytes, true);
  } catch {
    // A UTF-8 BOM followed by bytes that are not UTF-8: the file contradicts itself, so refuse it rather than guess.
    throw new ImportError("encoding", "utf-8 (BOM)", "the file starts with a UTF-8 byte-order mark but holds bytes that are not valid UTF-8");
  }
}
