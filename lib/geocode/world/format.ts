// The world gazetteer's line formats, written by lib/build/world-gazetteer.ts and read by ./load.ts: one
// record a line, tab-separated, a tag first; lists are `|`-separated. Lines starting with `#` are comments.
//   countries file:  iso2 iso3 name aliases lat lng geonameId pointName pointRole
//   places file:     A country admin1 name lat lng geonameId seatName seatRole      (first-level division)
//                    B country admin1 admin2 name                                   (second-level name)
//                    P geonameId name country admin1 admin2 lat lng featureCode population keys
// A place's `keys` are the folded spellings it is found by (./fold.ts), folded at build time so that loading
// folds nothing: the name's own fold is listed only when it is not simply the name in lower case.

export const WORLD_FORMAT = 1;

export interface CountryRecord { iso2: string; iso3: string; name: string; aliases: string[]; lat: number; lng: number; geonameId: number; pointName: string; pointRole: string }
export interface DivisionRecord { country: string; admin1: string; name: string; lat: number; lng: number; geonameId: number; seatName: string; seatRole: string }
export interface DistrictRecord { country: string; admin1: string; admin2: string; name: string }
export interface PlaceRecord { geonameId: number; name: string; country: string; admin1: string; admin2: string; lat: number; lng: number; featureCode: string; population: number; keys: string[] }

const clean = (s: string) => s.replace(/[\t\n\r|]/g, " ");
const list = (xs: readonly string[]) => xs.map(clean).join("|");
const split = (s: string) => (s ? s.split("|") : []);

export const formatCountryLine = (c: CountryRecord) => [c.iso2, c.iso3, clean(c.name), list(c.aliases), c.lat, c.lng, c.geonameId, clean(c.pointName), c.pointRole].join("\t");
export const formatDivisionLine = (d: DivisionRecord) => ["A", d.country, d.admin1, clean(d.name), d.lat, d.lng, d.geonameId, clean(d.seatName), d.seatRole].join("\t");
export const formatDistrictLine = (d: DistrictRecord) => ["B", d.country, d.admin1, d.admin2, clean(d.name)].join("\t");
export const formatPlaceLine = (p: PlaceRecord) =>
  ["P", p.geonameId, clean(p.name), p.country, p.admin1, p.admin2, p.lat, p.lng, p.featureCode, p.population, list(p.keys)].join("\t");

/** A countries-file line; throws naming the line when a field is missing or not a number. */
export function parseCountryLine(line: string, at: string): CountryRecord {
  const f = line.split("\t");
  const c = { iso2: f[0], iso3: f[1], name: f[2], aliases: split(f[3] ?? ""), lat: Number(f[4]), lng: Number(f[5]), geonameId: Number(f[6]), pointName: f[7], pointRole: f[8] };
  if (f.length !== 9 || !/^[A-Z]{2}$/.test(c.iso2) || !Number.isFinite(c.lat) || !Number.isFinite(c.lng) || !Number.isInteger(c.geonameId)) {
    throw new Error(`${at}: not a country record (${JSON.stringify(line.slice(0, 80))})`);
  }
  return c;
}

const PLAIN = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

/** The name's key when lower case alone folds it, else undefined (the build then lists the fold). */
export function plainKey(name: string): string | undefined {
  const lower = name.toLowerCase();
  return PLAIN.test(lower) ? lower : undefined;
}
