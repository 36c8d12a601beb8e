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
  const ranked: RankedPage[] = CODE_PAGES.map((name) => {
    const decoder = new TextDecoder(name);
    const implausible = words.reduce((n, w) => n + (plausibleWord(decoder.decode(w)) ? 0 : 1), 0);
    return { name, implausible, chardet: confidence.get(name) ?? 0, chardetFirst: name === first };
  });
  // Array.prototype.sort is stable: pages left tied keep CODE_PAGES order.
  return ranked.sort((a, b) => a.implausible - b.implausible || Number(b.chardetFirst) - Number(a.chardetFirst));
}

