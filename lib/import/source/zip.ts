// The sizes a zip archive declares for its entries, read from its central directory without expanding
// anything, so an xlsx that would expand to gigabytes (a zip bomb) is refused before it is unpacked.
// The declared sizes are what the unzipper allocates, so an archive that understates them fails to unpack
// rather than expanding past them.
import { ImportError } from "../errors";

export interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** Entries of a zip archive from its central directory; throws ImportError when there is none to read. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 65,535.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) throw new ImportError("file", "zip", "the workbook is not a readable zip archive (no central directory); it may be cut short");
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if (count === 0xffff || at === 0xffffffff) throw new ImportError("file", "zip64", "the workbook is a ZIP64 archive (over 4 GB or 65,535 entries): too large to read here");
  const entries: ZipEntry[] = [];
  const names = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw new ImportError("file", `entry ${n + 1}`, "the workbook's zip directory is damaged");
    const compressed = view.getUint32(at + 20, true);
    const uncompressed = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    entries.push({ name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)), compressed, uncompressed });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

export interface ZipLimits {
  /** Most bytes all entries may expand to together. */
  maxExpanded: number;
  /** Highest expansion ratio of one entry larger than a megabyte. */
  maxRatio: number;
}

/** Refuses an archive whose entries would expand past the limits. */
export function checkZipSizes(entries: readonly ZipEntry[], limits: ZipLimits): void {
  const total = entries.reduce((n, e) => n + e.uncompressed, 0);
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  if (total > limits.maxExpanded) {
    throw new ImportError("file", `${mb(total)} unpacked`, `the workbook would expand to ${mb(total)}; workbooks over ${mb(limits.maxExpanded)} unpacked are refused (save the sheet as CSV UTF-8 instead)`);
  }
  for (const e of entries) {
    if (e.uncompressed > 1 << 20 && e.uncompressed > e.compressed * limits.maxRatio) {
      throw new ImportError("file", e.name, `this part of the workbook expands ${Math.round(e.uncompressed / Math.max(1, e.compressed))} times (${mb(e.compressed)} → ${mb(e.uncompressed)}), like a zip bomb; refused`);
    }
  }
}
