// Which single-byte code page bytes that are not UTF-8 are in: the one under which the words holding high
// bytes look most like words of one script (a word "Peña" read as windows-1256 mixes Latin and Arabic
// letters; "درعا" read as windows-1252 is a word of accented capitals "ÏÑÚÇ"), with chardet's first choice
// breaking ties. chardet alone misreads short Arabic and Cyrillic files as ISO-8859-1.
import { analyse } from "chardet";

// @option CODE_PAGES: string[] = windows-1252, -1256, -1251, -1250, -1254; the single-byte code pages
// considered for text that is not UTF-8, in the order that breaks a tie chardet does not settle. Greek and
// Hebrew pages are left out: Arabic or Cyrillic bytes read under them are letters of one script too.
export const CODE_PAGES = ["windows-1252", "windows-1256", "windows-1251", "windows-1250", "windows-1254"] as const;
export const LATIN_PAGES: ReadonlySet<string> = new Set(["windows-1252", "windows-1250", "windows-1254"]);

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

// windows-1252's 0x80–0x9F as the WHATWG table has them (five bytes stay undefined, as C1 controls). Node
// since 20.18.3 decodes windows-1252 as ISO-8859-1 (nodejs/node#60888), turning ’ “ ” – into controls.
const WINDOWS_1252_C1 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";
const fixC1 = (text: string) => text.replace(/[\u0080-\u009f]/g, (ch) => WINDOWS_1252_C1[ch.charCodeAt(0) - 0x80]);

/** A TextDecoder for `label` whose windows-1252 follows the WHATWG table on every platform. */
export function textDecoder(label: string, options?: TextDecoderOptions): { encoding: string; decode(bytes: Uint8Array, options?: TextDecodeOptions): string } {
  const decoder = new TextDecoder(label, options);
  if (decoder.encoding !== "windows-1252") return decoder;
  return { encoding: decoder.encoding, decode: (bytes, opts) => fixC1(decoder.decode(bytes, opts)) };
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
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) {
      ascii++;
      scripts.add("latin");
      continue;
    }
    if ((code >= 0x80 && code < 0xa0) || code === 0xfffd) return false; // a byte the code page leaves undefined
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

// The script a page's own letters belong to: a non-Latin page is offered only when words read as its script.
const PAGE_SCRIPT: Record<string, Script> = { "windows-1256": "arabic", "windows-1251": "cyrillic" };

// @option MIN_SCRIPT_SHARE: number = 0.1, share of the words holding a high-byte letter that must read as
// whole words of a non-Latin page's script (two letters or more, no other letters) for that page to count:
// French "Café" or "Ségou" read as windows-1256 keep their Latin é, and an Arabic file's words are all Arabic.
const MIN_SCRIPT_SHARE = 0.1;

/** For one decoded word: whether a letter in it comes from a high byte, and whether it is a whole word of `script`. */
function scriptWord(word: string, script: Script): { hasHighLetter: boolean; ofScript: boolean } {
  let letters = 0;
  let others = 0;
  let hasHighLetter = false;
  for (const ch of word) {
    const code = ch.codePointAt(0) as number;
    // Words are cut at ASCII letters and high bytes only, so an ASCII character here is a Latin letter.
    if (code < 0x80) {
      letters++;
      others++;
      continue;
    }
    if (!LETTER.test(ch)) continue;
    letters++;
    hasHighLetter = true;
    if (scriptOf(ch) !== script) others++;
  }
  return { hasHighLetter, ofScript: letters >= 2 && others === 0 };
}

export interface RankedPage {
  name: string;
  /** Words holding high bytes that do not read as words of one script under this page. */
  implausible: number;
  /** False for a non-Latin page under which too few words read as words of its script (MIN_SCRIPT_SHARE). */
  eligible: boolean;
  /** chardet's confidence for this page (0 when it did not name it). */
  chardet: number;
  /** True when chardet ranks this page first. */
  chardetFirst: boolean;
}

/** Ranks the code pages for bytes that are not UTF-8: pages whose script the words show first, then fewest
 *  implausible words, then chardet's first choice, then CODE_PAGES order. */
export function rankCodePages(bytes: Uint8Array): RankedPage[] {
  const words = evidenceWords(bytes);
  const confidence = new Map<string, number>();
  for (const m of analyse(bytes.subarray(0, CHARDET_BYTES))) {
    const label = CHARDET_LABEL[m.name];
    if (label && !confidence.has(label)) confidence.set(label, m.confidence);
  }
  const first = [...confidence.keys()][0];
  const ranked: RankedPage[] = CODE_PAGES.map((name) => {
    const decoder = textDecoder(name);
    const script = PAGE_SCRIPT[name];
    let implausible = 0;
    let withLetters = 0;
    let ofScript = 0;
    for (const w of words) {
      const text = decoder.decode(w);
      if (!plausibleWord(text)) implausible++;
      if (script === undefined) continue;
      const sw = scriptWord(text, script);
      if (sw.hasHighLetter) withLetters++;
      if (sw.ofScript) ofScript++;
    }
    const eligible = script === undefined || (ofScript > 0 && ofScript >= withLetters * MIN_SCRIPT_SHARE);
    return { name, implausible, eligible, chardet: confidence.get(name) ?? 0, chardetFirst: name === first };
  });
  // Array.prototype.sort is stable: pages left tied keep CODE_PAGES order.
  return ranked.sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.implausible - b.implausible || Number(b.chardetFirst) - Number(a.chardetFirst));
}

// @option READING_LINE_CHARS: number = 160, characters of the sample line shown decoded two ways.
const READING_LINE_CHARS = 160;
// @option READING_SCAN_BYTES: number = 1 MiB, bytes searched for a line the two pages read differently.
const READING_SCAN_BYTES = 1 << 20;

const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, x) => x);
const tables = new Map<string, string>();
/** The 256 characters of a single-byte page, one per byte (every page here maps each byte into the BMP). */
function tableOf(page: string): string {
  let table = tables.get(page);
  if (table === undefined) tables.set(page, (table = textDecoder(page).decode(ALL_BYTES)));
  return table;
}

/** The first line (within READING_SCAN_BYTES) that code pages `a` and `b` decode differently, as each reads it, or null. */
export function lineReadTwoWays(bytes: Uint8Array, a: string, b: string): [string, string] | null {
  const da = textDecoder(a);
  const db = textDecoder(b);
  const [ta, tb] = [tableOf(a), tableOf(b)];
  const differs = Array.from({ length: 256 }, (_, x) => ta[x] !== tb[x]);
  const end = Math.min(bytes.length, READING_SCAN_BYTES);
  const at = bytes.subarray(0, end).findIndex((x) => differs[x]);
  if (at === -1) return null;
  const lineStart = bytes.lastIndexOf(0x0a, at) + 1;
  const nl = bytes.indexOf(0x0a, at);
  const lineEnd = nl === -1 ? bytes.length : nl;
  // Centre the shown part on the differing byte, so a long line still shows where the two part ways.
  const from = Math.max(lineStart, at - READING_LINE_CHARS / 2);
  const part = bytes.subarray(from, Math.min(lineEnd, from + READING_LINE_CHARS));
  return [da.decode(part).trim(), db.decode(part).trim()];
}
