// Bytes → text, and how that was decided. A byte-order mark decides; else valid UTF-8 is UTF-8; else the
// bytes are read with the single-byte code page under which the words holding high bytes look most like
// words of one script (a word "Peña" read as windows-1256 mixes Latin and Arabic letters; "درعا" read as
// windows-1252 is a word of accented capitals "ÏÑÚÇ"), with chardet's ranking breaking ties. What looks
// like mojibake, and a guess the test is unsure of, is said in a warning.
import { analyse } from "chardet";
import type { EncodingGuess } from "./types";
import { ImportError } from "../errors";

export interface Decoded {
  text: string;
  encoding: EncodingGuess;
  warnings: string[];
}

// @option CODE_PAGES: string[] = windows-1252, -1256, -1251, -1250, -1254; the single-byte code pages
// considered for text that is not UTF-8, in the order that breaks a tie chardet does not settle. Greek and
// Hebrew pages are left out: Arabic or Cyrillic bytes read under them are letters of one script too.
export const CODE_PAGES = ["windows-1252", "windows-1256", "windows-1251", "windows-1250", "windows-1254"] as const;
const LATIN_PAGES: ReadonlySet<string> = new Set(["windows-1252", "windows-1250", "windows-1254"]);

// @option CHARDET_BYTES: number = 65536, bytes from the start handed to chardet for its ranking.
const CHARDET_BYTES = 65536;

// @option MAX_EVIDENCE_WORDS: number = 4000, words holding high bytes collected for the test (enough to settle any file, cheap on 500 MB).
const MAX_EVIDENCE_WORDS = 4000;

// chardet's names → the WHATWG labels TextDecoder knows (ISO-8859-1 is decoded as windows-1252 by every browser).
const CHARDET_LABEL: Record<string, string> = {
  "ISO-8859-1": "windows-1252",
  "windows-1252": "windows-1252",
  "ISO-8859-2": "windows-1250",
  "windows-1250": "windows-1250",
  "windows-1251": "windows-1251",
  "ISO-8859-5": "windows-1251",
  "ISO-8859-6": "windows-1256",
  "windows-1256": "windows-1256",
  "ISO-8859-7": "windows-1253",
  "ISO-8859-8": "windows-1255",
  "ISO-8859-9": "windows-1254",
};

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

/** Valid UTF-8 throughout, checked chunk by chunk; pure ASCII stretches are skipped without decoding. */
function isUtf8(bytes: Uint8Array): boolean {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for (let at = 0; at < bytes.length; at += DECODE_CHUNK_BYTES) {
      const end = Math.min(bytes.length, at + DECODE_CHUNK_BYTES);
      decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length });
    }
    return true;
  } catch {
    return false;
  }
}

// Bytes that may be part of a word: ASCII letters, and every high byte (letters in all the code pages).
const inWord = (b: number) => b >= 0x80 || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

/** Byte spans of the words that hold a high byte, up to MAX_EVIDENCE_WORDS of them. */
export function evidenceWords(bytes: Uint8Array): Uint8Array[] {
  const words: Uint8Array[] = [];
  let i = 0;
  while (i < bytes.length && words.length < MAX_EVIDENCE_WORDS) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    let start = i;
    while (start > 0 && inWord(bytes[start - 1])) start--;
    let end = i;
    while (end < bytes.length && inWord(bytes[end])) end++;
    words.push(bytes.subarray(start, end));
    i = end;
  }
  return words;
}

type Script = "latin" | "arabic" | "cyrillic" | "greek" | "hebrew" | "other";
const SCRIPTS: [Script, RegExp][] = [
  ["latin", /\p{Script_Extensions=Latin}/u],
  ["arabic", /\p{Script_Extensions=Arabic}/u],
  ["cyrillic", /\p{Script_Extensions=Cyrillic}/u],
  ["greek", /\p{Script_Extensions=Greek}/u],
  ["hebrew", /\p{Script_Extensions=Hebrew}/u],
];
const scriptOf = (ch: string): Script => SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? "other";
const LETTER = /[\p{L}\p{M}]/u;

/** True when a decoded word could be a word: letters of one script, no control characters, and a Latin
 *  word of three letters or more has more plain ASCII letters than accented ones. */
export function plausibleWord(word: string): boolean {
  const scripts = new Set<Script>();
  let ascii = 0;
  let accented = 0;
  for (const ch of word) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) {
      ascii++;
      scripts.add("latin");
      continue;
    }
    if ((c >= 0x80 && c < 0xa0) || c === 0xfffd) return false; // a byte the code page leaves undefined
    if (!LETTER.test(ch)) continue; // symbols (€ ° « ×) and spaces say nothing about the script
    const s = scriptOf(ch);
    scripts.add(s);
    if (s === "latin") accented++;
  }
  scripts.delete("other");
  if (scripts.size > 1) return false;
  if (scripts.has("latin") && ascii + accented >= 3 && accented > ascii) return false;
  return true;
}

export interface RankedPage {
  name: string;
  /** Words holding high bytes that do not read as words of one script under this page. */
  implausible: number;
  /** chardet's confidence for this page (0 when it did not name it). */
  chardet: number;
  /** True when chardet ranks this page first. */
  chardetFirst: boolean;
}

/** Ranks the code pages for bytes that are not UTF-8: fewest implausible words first, then chardet's first choice, then CODE_PAGES order. */
export function rankCodePages(bytes: Uint8Array): RankedPage[] {
  const words = evidenceWords(bytes);
  const confidence = new Map<string, number>();
  for (const m of analyse(bytes.subarray(0, CHARDET_BYTES))) {
    const label = CHARDET_LABEL[m.name];
    if (label && !confidence.has(label)) confidence.set(label, m.confidence);
  }
  const first = [...confidence.keys()][0];
  const ranked = CODE_PAGES.map((name, order) => {
    const decoder = new TextDecoder(name);
    const implausible = words.reduce((n, w) => n + (plausibleWord(decoder.decode(w)) ? 0 : 1), 0);
    return { name, implausible, chardet: confidence.get(name) ?? 0, chardetFirst: name === first, order };
  });
  ranked.sort((a, b) => a.implausible - b.implausible || Number(b.chardetFirst) - Number(a.chardetFirst) || a.order - b.order);
  return ranked.map(({ order: _, ...page }) => page);
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
  // Latin pages differ only in rare letters, so a tie among them is expected; a tie across scripts that
  // chardet does not settle is not.
  const acrossScripts = rest.filter((c) => c.implausible === best.implausible && LATIN_PAGES.has(c.name) !== LATIN_PAGES.has(best.name));
  let unsure: string | null = null;
  if (best.implausible > 0) unsure = `${best.implausible} word${best.implausible > 1 ? "s" : ""} still look wrong when read as ${best.name}`;
  else if (acrossScripts.length > 0 && !best.chardetFirst) unsure = `${acrossScripts[0].name} reads the file as plausibly`;
  const confidence = Math.round(Math.max(0, Math.min(100, best.chardet || (unsure ? 30 : 60))));
  return {
    guess: { name: best.name, basis: "detected", confidence, alternatives: rest.map((c) => c.name) },
    bomLength: 0,
    unsure,
  };
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
  return { encoding: { name, basis: "chosen", alternatives: [...new Set(others)] }, skip: bom && bom.name === name ? bom.length : 0, unsure: null };
}

/** The text in pieces of about DECODE_CHUNK_BYTES; NUL characters and a lying UTF-8 BOM refuse the file. */
export function* textChunks(bytes: Uint8Array, resolved: Resolved, chunkBytes: number = DECODE_CHUNK_BYTES): Generator<string> {
  const { encoding, skip } = resolved;
  const strict = encoding.basis === "bom" && encoding.name === "utf-8";
  // ignoreBOM: a BOM has been sliced off already; any other U+FEFF stays as data.
  const decoder = new TextDecoder(encoding.name, { fatal: strict, ignoreBOM: true });
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
  const resolved = resolveEncoding(bytes, chosen);
  const text = [...textChunks(bytes, resolved)].join("");
  return { text, encoding: resolved.encoding, warnings: encodingWarnings(resolved, text) };
}
