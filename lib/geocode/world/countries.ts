// The countries of the world gazetteer: world-countries.tsv (names, ISO codes, a GeoNames point inside each)
// and country-aliases.csv (short names files use: OPT, DRC, CAR), read together, small enough to load at once.
import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvObjects } from "../csv";
import { GazetteerError } from "../errors";
import { foldName } from "./fold";
import { parseCountryLine, type CountryRecord } from "./format";

export interface Countries {
  list: CountryRecord[];
  byIso2: Map<string, CountryRecord>;
  /** ISO2, ISO3 and old codes (ZR, BU), upper case. */
  byCode: Map<string, CountryRecord>;
  /** Folded names and aliases. */
  byName: Map<string, CountryRecord>;
}

const CODE = /^[A-Z]{2,3}$/;

function read(dir: string, file: string): string {
  try {
    return readFileSync(join(dir, file), "utf8");
  } catch (err) {
    throw new GazetteerError(join(dir, file), `cannot be read (${(err as Error).message}); rebuild it with scripts/build-world-gazetteer.ts`);
  }
}

/** Reads both files from `dir`; an alias naming an unknown ISO code is a build error. */
export function loadCountries(dir: string): Countries {
  const file = join(dir, "world-countries.tsv");
  const list = read(dir, "world-countries.tsv")
    .split("\n")
    .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
    .filter(({ line }) => line !== "" && !line.startsWith("#"))
    .map(({ line, at }) => parseCountryLine(line, at));
  const byIso2 = new Map(list.map((c) => [c.iso2, c]));
  const byCode = new Map<string, CountryRecord>();
  const byName = new Map<string, CountryRecord>();
  const name = (text: string, c: CountryRecord) => {
    const key = foldName(text);
    if (key && !byName.has(key)) byName.set(key, c);
    // "The Gambia" is also "Gambia".
    if (key.startsWith("the ")) byName.set(key.slice(4), byName.get(key.slice(4)) ?? c);
  };
  for (const c of list) {
    byCode.set(c.iso2, c);
    byCode.set(c.iso3, c);
    name(c.name, c);
    for (const a of c.aliases) {
      if (CODE.test(a)) byCode.set(a, c);
      else name(a, c);
    }
  }
  for (const row of parseCsvObjects(read(dir, "country-aliases.csv"))) {
    const c = byIso2.get(row.iso2.trim());
    if (!c) throw new GazetteerError(join(dir, "country-aliases.csv"), `alias ${JSON.stringify(row.alias)} names an unknown iso2 ${JSON.stringify(row.iso2)}`);
    // "OPT" is also written "oPt": a curated abbreviation is a name as well as a code.
    if (CODE.test(row.alias.trim())) byCode.set(row.alias.trim(), c);
    name(row.alias, c);
  }
  return { list, byIso2, byCode, byName };
}

/** The country a place text names: codes only as codes (upper case), names and aliases in any case. */
export function countryNamed(countries: Countries, text: string): CountryRecord | undefined {
  const t = text.trim();
  return (CODE.test(t) ? countries.byCode.get(t) : undefined) ?? countries.byName.get(foldName(t));
}

/** The country a row's country column gives: a code in any case, or a name. */
export function countryGiven(countries: Countries, text: string): CountryRecord | undefined {
  const t = text.trim();
  return (/^[a-z]{2,3}$/i.test(t) ? countries.byCode.get(t.toUpperCase()) : undefined) ?? countries.byName.get(foldName(t));
}
