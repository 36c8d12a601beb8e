// Normalisation of place names, Latin transliterations and Arabic script, into two keys:
//   `norm`: the spelling with everything that transliterators disagree on folded away (case, diacritics,
//           ayn/hamza marks, the article, Sheikh/Shaykh, ee/i, ou/u, doubled letters, final -ah/-eh);
//   `skel`: the consonant skeleton of `norm` (vowels and half-vowels dropped), because reporters disagree
//           most about vowels: "al-Msifrah" and "Al Musayfirah" share the skeleton "msfr".
// The same function is applied to gazetteer names and to queries, so only consistency matters.

export interface NormalForms {
  norm: string;
  skel: string;
  script: "latin" | "arabic";
}

const ARABIC_LETTER = /[\u0600-\u06FF]/;

// Latin letters that NFKD does not decompose.
const LATIN_EXTRA: Record<string, string> = { ı: "i", ø: "o", ł: "l", ß: "ss", æ: "ae", œ: "oe", đ: "d", ħ: "h", ŧ: "t" };

// The Arabic article in its transliterated forms, assimilated ones included (ad-, as-, ash-, at-, …).
const ARTICLES = new Set(["al", "el", "il", "ul", "l", "ad", "ed", "adh", "as", "es", "ash", "esh", "at", "et", "ath", "az", "ez", "ar", "er", "an", "en", "ed"]);

// Sheikh in its spellings (English, French, German, Dutch transliterations).
const SHEIKH = new Set(["sheikh", "shaykh", "sheik", "shaikh", "shekh", "sheykh", "shaich", "cheikh", "cheik", "chikh", "cheick", "shikh", "scheich", "sjeik", "shiekh", "sheyh", "shaykhh", "sheich"]);

/** Lower-case ASCII tokens of a Latin string: diacritics, apostrophes and ayn/hamza marks removed. */
function latinTokens(text: string): string[] {
  let s = text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  s = s.replace(/[ıøłßæœđħŧ]/g, (c) => LATIN_EXTRA[c] ?? c);
  // Ayn and hamza are written ' ’ ‘ ʿ ʾ ` ´ or not at all: drop them so "Nafi'ah" meets "Nafiah".
  s = s.replace(/['’‘`´ʿʾʻʼ′‛"]/g, "");
  return s.split(/[^a-z0-9]+/).filter(Boolean);
}

/** Folds the transliteration variants of one Latin word. Order matters: digraphs before vowels. */
function foldLatinWord(word: string): string {
  if (SHEIKH.has(word)) return "shaykh";
  let w = word;
  w = w.replace(/^ch/, "sh").replace(/([^cs])ch/g, "$1sh"); // French ch = sh (Chajara, Meskine)
  w = w.replace(/dzh|dj/g, "j").replace(/ph/g, "f").replace(/q/g, "k").replace(/v/g, "w");
  w = w.replace(/dh/g, "z").replace(/th/g, "t"); // ذ is z in Levantine speech (Dhakar/Zakr)
  w = w.replace(/ou|oo/g, "u").replace(/ee|ie/g, "i").replace(/ei|ey|ai/g, "ay");
  w = w.replace(/([a-z])\1+/g, "$1"); // doubled letters: Jassem/Jasem, Tafass/Tafas
  // Final taa marbuta / -ah / -eh / -e: Nahtah, Shajarah, Mesmiyeh, Jize all end in "a".
  w = w.replace(/(?:ah|eh|e)$/, "a");
  if (w.length > 2) w = w.replace(/([aiu])h$/, "$1");
  return w;
}

function normaliseLatin(text: string): NormalForms {
  const tokens = latinTokens(text);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    // The article is dropped only when a word follows it ("As" alone stays a word).
    if (ARTICLES.has(tokens[i]) && i + 1 < tokens.length) continue;
    // Glued article ("alsanamayn", "elmzerib") in names longer than the article itself.
    const t = tokens[i].length > 5 ? tokens[i].replace(/^(?:al|el)(?=[bcdfghjklmnpqrstvwxz])/, "") : tokens[i];
    out.push(foldLatinWord(t));
  }
  const norm = out.join(" ");
  return { norm, skel: latinSkeleton(norm), script: "latin" };
}

function latinSkeleton(norm: string): string {
  // Vowels and the half-vowels y/w carry most of the spelling disagreement; doubled consonants collapse.
  return norm.replace(/[^a-z0-9]/g, "").replace(/[aeiouyw]/g, "").replace(/([a-z])\1+/g, "$1");
}

// Arabic: diacritics (harakat, shadda, sukun, superscript alef), tatweel, and the letter variants that
// writers interchange: hamza carriers → bare alef/waw/yaa, taa marbuta → haa, and alef maqsura → alef,
// as it is pronounced (نوى is also written نوا; the Egyptian-style ي spelling is one edit away).
function normaliseArabic(text: string): NormalForms {
  let s = text.normalize("NFC");
  s = s.replace(/[\u064B-\u065F\u0670\u06D6-\u06ED]/g, "").replace(/\u0640/g, "");
  s = s.replace(/[أإآٱ]/g, "ا").replace(/ى/g, "ا").replace(/ة/g, "ه").replace(/ؤ/g, "و").replace(/ئ/g, "ي").replace(/ء/g, "");
  s = s.replace(/[^\u0621-\u064A0-9]+/g, " ").trim();
  const tokens = s.split(" ").filter(Boolean).map((t) => (t.length > 3 && t.startsWith("ال") ? t.slice(2) : t));
  const norm = tokens.join(" ");
  const skel = norm.replace(/ /g, "").replace(/(?!^)[اوي]/g, "");
  return { norm, skel, script: "arabic" };
}

/** The normal forms of a name or query. Arabic script wins when the text contains any Arabic letter. */
export function normalise(text: string): NormalForms {
  return ARABIC_LETTER.test(text) ? normaliseArabic(text) : normaliseLatin(text);
}
