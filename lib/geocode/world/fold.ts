// Keys the world gazetteer is looked up by, shared by its build and its lookup: a name and a query meet when
// they fold to the same key (`LANDAZURI` = `Landázuri`), so only consistency matters.

// Latin letters that NFKD does not decompose.
const LATIN_EXTRA: Readonly<Record<string, string>> = { ı: "i", ø: "o", ł: "l", ß: "ss", æ: "ae", œ: "oe", đ: "d", ħ: "h", ŧ: "t", þ: "th", ð: "d" };

/** Lower case without diacritics or apostrophes; any run of other non-letters is one space. */
export function foldName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[ıøłßæœđħŧþð]/g, (c) => LATIN_EXTRA[c] ?? c)
    .replace(/['’‘`´ʿʾʻʼ′‛]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

// @option DIVISION_WORDS: the words that say what kind of division a name is ("Santander Department",
// "Muhafazat Hadramaout", "Kyiv Oblast"): files write the name without them, GeoNames often with them.
const DIVISION_WORDS = new Set([
  "department", "departement", "departamento", "province", "provincia", "provincie", "provinsi", "region", "regione", "regiao",
  "state", "estado", "governorate", "muhafazat", "muhafazah", "wilayah", "wilayat", "wilaya", "district", "oblast", "oblys", "kray", "krai",
  "county", "prefecture", "municipality", "division", "territory", "parish", "canton", "emirate", "voivodeship", "rayon", "city", "capital",
]);
// Joining words left at either end once the kind is gone ("Departamento de La Guajira" → "la guajira").
const EDGE_WORDS = new Set(["of", "de", "del", "des", "du", "da", "do", "di", "d"]);

// Compass words as French, Spanish and Portuguese names write them: ACLED's "Nord-Kivu" is GeoNames' "North Kivu".
const COMPASS: Readonly<Record<string, string>> = { nord: "north", norte: "north", sud: "south", sur: "south", sul: "south", est: "east", este: "east", leste: "east", ouest: "west", oeste: "west" };

/** The fold of a division's name without the words for its kind; the plain fold when nothing else is left. */
export function foldDivision(text: string): string {
  const words = foldName(text).split(" ").filter((w) => !DIVISION_WORDS.has(w)).map((w) => COMPASS[w] ?? w);
  while (words.length > 1 && EDGE_WORDS.has(words[0])) words.shift();
  while (words.length > 1 && EDGE_WORDS.has(words[words.length - 1])) words.pop();
  return words.join(" ") || foldName(text);
}
