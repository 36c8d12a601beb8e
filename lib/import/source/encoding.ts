// Bytes → text, and how that was decided. A byte-order mark decides; else valid UTF-8 is UTF-8; else the
// best single-byte code page (codepage.ts). What looks like mojibake, and a guess the test is unsure of, is
// said in a warning. Large files are decoded in chunks, never into one string.
import type { EncodingGuess } from "./types";
import { ImportError } from "../errors";
import { LATIN_PAGES, lineReadTwoWays, rankCodePages, textDecoder } from "./codepage";

export interface Decoded {
  text: string;
  encoding: EncodingGuess;
  warnings: string[];
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** The BOM's encoding and length, or null. */
function bomOf(bytes: Uint8Array): { name: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { name: "utf-8", length: UTF8_BOM.length };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { name: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { name: "utf-16be", length: 2 };
  return null;
}

// @option DECODE_CHUNK_BYTES: number = 4 MiB, bytes decoded at a time: a 500 MB file never becomes one
// string (V8 refuses strings past about 2^29 characters), and each piece is parsed as it comes.
export const DECODE_CHUNK_BYTES = 4 << 20;

/** Valid UTF-8 throughout, as a fatal TextDecoder judges it, checked byte by byte: decoding a whole file only
 *  to throw its text away cost a file's worth of strings. */
export function isUtf8(bytes: Uint8Array): boolean {
  const known = utf8Checked.get(bytes);
  if (known !== undefined) return known;
  const valid = checkUtf8(bytes);
  utf8Checked.set(bytes, valid);
  return valid;
}

// The worker reads one file's bytes several times (its sample, the count's pass, the import's): checked once.
const utf8Checked = new WeakMap<Uint8Array, boolean>();

function checkUtf8(bytes: Uint8Array): boolean {
  const n = bytes.length;
  // ASCII, most of a CSV, is skipped four bytes at a time from the first 4-aligned byte (a byte-by-byte loop
  // took 0.3 s of a 35 MB file's import).
  const head = Math.min(n, (4 - (bytes.byteOffset & 3)) & 3);
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + head, (n - head) >> 2);
  for (let i = 0; i < n; ) {
    if (i >= head && ((i - head) & 3) === 0) {
      let w = (i - head) >> 2;
      while (w < words.length && (words[w] & 0x80808080) === 0) w++;
      i = head + (w << 2);
      if (i >= n) break;
    }
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    // The lead byte sets the length and the second byte's range (no overlong forms, surrogates or past U+10FFFF).
    let length: number, low = 0x80, high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      else if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      else if (b === 0xf4) high = 0x8f;
    } else return false;
    if (i + length > n) return false;
    const second = bytes[i + 1];
    if (second < low || second > high) return false;
    for (let k = 2; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return false;
    i += length;
  }
  return true;
}

// UTF-8 read as windows-1252 somewhere before this file was written: "Ã©" for é, "Ã±" for ñ, "â€™" for ’.
const MOJIBAKE = /Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]|â€[\u0080-\u00bf\u2018-\u201e\u2122\u0153\u02dc\u0161\u0178\u201d\u201c\u2020-\u2026]/;

/** A warning when the text holds UTF-8-read-as-windows-1252 sequences, naming the first one. */
export function mojibakeWarning(text: string, sampleChars = 1 << 20): string | null {
  const m = MOJIBAKE.exec(text.length > sampleChars ? text.slice(0, sampleChars) : text);
  if (!m) return null;
  const around = text.slice(Math.max(0, m.index - 12), m.index + 14).replace(/\s+/g, " ");
  return `the text holds "${m[0]}" (in "${around}"), which is how UTF-8 looks when read as windows-1252: the file was mis-encoded before it reached us, or is UTF-8 mixed with another encoding; check the names before importing`;
}

/** Which encoding the bytes are in: the BOM, valid UTF-8, or the best-ranked code page. */
export function guessEncoding(bytes: Uint8Array): { guess: EncodingGuess; bomLength: number; unsure: string | null } {
  const bom = bomOf(bytes);
  if (bom) return { guess: { name: bom.name, basis: "bom", alternatives: [] }, bomLength: bom.length, unsure: null };
  if (isUtf8(bytes)) return { guess: { name: "utf-8", basis: "utf-8", alternatives: ["windows-1252", "windows-1256"] }, bomLength: 0, unsure: null };
  const [best, ...rest] = rankCodePages(bytes);
  const tied = rest.filter((candidate) => candidate.eligible && candidate.implausible === best.implausible);
  // Latin pages differ only in rare letters, so a tie among them is expected; a tie across scripts that
  // chardet does not settle is not.
  const acrossScripts = tied.filter((candidate) => LATIN_PAGES.has(candidate.name) !== LATIN_PAGES.has(best.name));
  let unsure: string | null = null;
  if (best.implausible > 0) unsure = `${best.implausible} word${best.implausible > 1 ? "s" : ""} still look wrong when read as ${best.name}`;
  else if (acrossScripts.length > 0 && !best.chardetFirst) unsure = `${acrossScripts[0].name} reads the file as plausibly`;
  const confidence = Math.round(Math.max(0, Math.min(100, best.chardet || (unsure ? 30 : 60))));
  const guess: EncodingGuess = { name: best.name, basis: "detected", confidence, alternatives: rest.map((candidate) => candidate.name) };
  const readings = readTwoWays(bytes, best.name, tied.map((candidate) => candidate.name));
  if (readings) guess.readings = readings;
  return { guess, bomLength: 0, unsure };
}

/** One line read by the best page and by the first equally plausible page that reads it differently. */
function readTwoWays(bytes: Uint8Array, best: string, others: string[]): EncodingGuess["readings"] {
  for (const other of others) {
    const two = lineReadTwoWays(bytes, best, other);
    if (two) return [{ name: best, text: two[0] }, { name: other, text: two[1] }];
  }
  return undefined;
}

/** A WHATWG label TextDecoder accepts, normalised ("latin1" → "windows-1252"), or an ImportError naming it. */
export function checkLabel(label: string): string {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    throw new ImportError("encoding", label, "is not an encoding this browser can decode; choose e.g. utf-8, windows-1252 or windows-1256");
  }
}

/** A NUL never occurs in CSV or JSON text: it means a binary file or UTF-16 without its byte-order mark. */
export function refuseNul(text: string, before = 0): void {
  const nul = text.indexOf("\u0000");
  if (nul !== -1) {
    throw new ImportError("file", `NUL at character ${before + nul}`, "the file holds NUL characters: it is binary, or UTF-16 without a byte-order mark; save it as CSV UTF-8 or GeoJSON");
  }
}

export interface Resolved {
  encoding: EncodingGuess;
  /** Bytes of a byte-order mark to skip. */
  skip: number;
  /** Why the detector is unsure, or null. */
  unsure: string | null;
}

/** The encoding to decode with: the user's choice (basis "chosen") or the guess. */
export function resolveEncoding(bytes: Uint8Array, chosen?: string): Resolved {
  const detected = guessEncoding(bytes);
  if (chosen === undefined) return { encoding: detected.guess, skip: detected.bomLength, unsure: detected.unsure };
  const name = checkLabel(chosen);
  const others = [detected.guess.name, ...detected.guess.alternatives].filter((n) => n !== name);
  const bom = bomOf(bytes);
  const encoding: EncodingGuess = { name, basis: "chosen", alternatives: [...new Set(others)] };
  if (detected.guess.readings) encoding.readings = detected.guess.readings;
  return { encoding, skip: bom && bom.name === name ? bom.length : 0, unsure: null };
}

/** The text in pieces of about DECODE_CHUNK_BYTES; NUL characters and a lying UTF-8 BOM refuse the file. */
export function* textChunks(bytes: Uint8Array, resolved: Resolved, chunkBytes: number = DECODE_CHUNK_BYTES): Generator<string> {
  const { encoding, skip } = resolved;
  const strict = encoding.basis === "bom" && encoding.name === "utf-8";
  // ignoreBOM: a BOM has been sliced off already; any other U+FEFF stays as data.
  const decoder = textDecoder(encoding.name, { fatal: strict, ignoreBOM: true });
  let chars = 0;
  for (let at = skip; at < bytes.length || at === skip; at += chunkBytes) {
    const end = Math.min(bytes.length, at + chunkBytes);
    let text: string;
    try {
      text = decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length });
    } catch {
      // The file contradicts itself: refuse rather than guess.
      throw new ImportError("encoding", "utf-8 (BOM)", "the file starts with a UTF-8 byte-order mark but holds bytes that are not valid UTF-8");
    }
    const nul = text.indexOf("\u0000");
    if (nul !== -1) refuseNul(text, chars);
    chars += text.length;
    yield text;
    if (end >= bytes.length) break;
  }
}

/** What the reader says about how the bytes were decoded, given the start of the text. */
export function encodingWarnings(resolved: Resolved, start: string): string[] {
  const { encoding, unsure } = resolved;
  const warnings: string[] = [];
  if (encoding.basis === "detected") {
    warnings.push(`the file is not UTF-8; it was read as ${encoding.name} (detected${encoding.confidence !== undefined ? `, confidence ${encoding.confidence}` : ""}); if names look wrong, choose another encoding`);
    if (unsure) warnings.push(`the encoding is uncertain: ${unsure}; check the names, or choose ${encoding.alternatives.slice(0, 2).join(" or ")}`);
  }
  const mojibake = mojibakeWarning(start);
  if (mojibake) warnings.push(mojibake);
  return warnings;
}

/** Decodes a whole file with the chosen encoding or the guessed one. */
export function decodeSource(bytes: Uint8Array, chosen?: string): Decoded {
  return decodeResolved(bytes, resolveEncoding(bytes, chosen));
}

/** Decodes a whole file with an encoding already resolved. */
export function decodeResolved(bytes: Uint8Array, resolved: Resolved): Decoded {
  let text: string;
  try {
    text = [...textChunks(bytes, resolved)].join("");
  } catch (err) {
    // V8 refuses strings past about 2^29 characters: a JSON document that large cannot be parsed whole.
    if (err instanceof RangeError) throw new ImportError("file", `${bytes.length} bytes`, "the file is too large to read as one JSON document; save it as GeoJSON Lines or CSV, which are read piece by piece");
    throw err;
  }
  return { text, encoding: resolved.encoding, warnings: encodingWarnings(resolved, text) };
}
