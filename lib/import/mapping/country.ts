// A row's position tested against the country the row itself names (a name, an ISO alpha-2/alpha-3 or an
// ISO 3166-1 numeric code), with @rapideditor/country-coder's offline borders: never against the file's
// other rows. A position outside its country is flagged, never rejected.
import { feature, iso1A2Code, isIn } from "@rapideditor/country-coder";
import type { RowFlag } from "../flags";

// Names files write that country-coder does not know (ACLED, UCDP, UN and World Bank spellings) → ISO alpha-2.
const ALIASES: Readonly<Record<string, string>> = {
  drc: "CD",
  "dr congo": "CD",
  "congo, dem. rep.": "CD",
  "congo dr": "CD",
  "democratic republic of congo": "CD",
  "congo-brazzaville": "CG",
  "congo, rep.": "CG",
  opt: "PS",
  "occupied palestinian territory": "PS",
  "occupied palestinian territories": "PS",
  "palestinian territories": "PS",
  "state of palestine": "PS",
  "syrian arab republic": "SY",
  "ivory coast": "CI",
  "cote d'ivoire": "CI",
  "czech republic": "CZ",
  "lao pdr": "LA",
  macedonia: "MK",
  "russian federation": "RU",
  turkiye: "TR",
  "cabo verde": "CV",
  "united states": "US",
  "sao tome and principe": "ST",
  "saint vincent and the grenadines": "VC",
  "tanzania, united republic of": "TZ",
  "iran, islamic republic of": "IR",
  "korea, republic of": "KR",
  "viet nam": "VN",
};

// Levels of country-coder features that are a country or a territory of one (not a region or a union).
const COUNTRY_LEVELS = new Set(["country", "territory", "subterritory"]);
const known = new Map<string, string | null>();

const plain = (t: string) =>
  t
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();

function lookup(query: string): string | null {
  const f = feature(query);
  return f && COUNTRY_LEVELS.has(f.properties.level) ? f.properties.id : null;
}

/** country-coder's id for a country as a file writes it ("Somalia", "SO", "SOM", 706, "DR Congo (Zaire)"), or null. */
export function countryId(value: string): string | null {
  const text = value.trim();
  if (text === "") return null;
  const cached = known.get(text);
  if (cached !== undefined) return cached;
  // ISO numeric codes are three digits; files that store them as numbers drop the leading zeros (4 → 004).
  const numeric = /^\d{1,3}(?:\.0+)?$/.test(text) ? text.replace(/\.0+$/, "").padStart(3, "0") : null;
  const bare = plain(text.replace(/\s*\([^)]*\)\s*$/, ""));
  const id = (numeric !== null ? lookup(numeric) : null) ?? lookup(text) ?? lookup(bare) ?? (Object.hasOwn(ALIASES, bare) ? ALIASES[bare] : null);
  known.set(text, id);
  return id;
}

// @option BORDER_SLACK_DEGREES: number = 0.05, about 5 km: a point this close to its country counts as inside
// (borders are simplified; ACLED places border towns on them).
const BORDER_SLACK_DEGREES = 0.05;
const OFFSETS: readonly [number, number][] = [
  [0, 0],
  [BORDER_SLACK_DEGREES, 0],
  [-BORDER_SLACK_DEGREES, 0],
  [0, BORDER_SLACK_DEGREES],
  [0, -BORDER_SLACK_DEGREES],
];

// @option NEAR_CACHE_SIZE: number = 100000, positions remembered per country (files repeat their places).
const NEAR_CACHE_SIZE = 100_000;
// By country, longitude, then latitude: numbers as keys, not a text made of them for every row.
const nearCache = new Map<string, Map<number, Map<number, boolean>>>();
let nearCached = 0;

/** Inside the country or within BORDER_SLACK_DEGREES of it, remembered per position. The country's own code at
 *  the point first (the common case, twice as fast as isIn), then isIn, which also knows territories and the slack. */
function near(lng: number, lat: number, id: string): boolean {
  const known = nearCache.get(id)?.get(lng)?.get(lat);
  if (known !== undefined) return known;
  const inside = iso1A2Code([lng, lat]) === id || OFFSETS.some(([dx, dy]) => isIn([lng + dx, lat + dy], id) === true);
  if (nearCached >= NEAR_CACHE_SIZE) {
    nearCache.clear();
    nearCached = 0;
  }
  let byLng = nearCache.get(id);
  if (!byLng) nearCache.set(id, (byLng = new Map()));
  let byLat = byLng.get(lng);
  if (!byLat) byLng.set(lng, (byLat = new Map()));
  byLat.set(lat, inside);
  nearCached++;
  return inside;
}

/** A flag when [lng, lat] lies outside the country `value` names: a possible swap when [lat, lng] lies inside it. */
export function countryFlag(lng: number, lat: number, value: string, field: string, positionField: string): RowFlag | null {
  const id = countryId(value);
  if (id === null || near(lng, lat, id)) return null;
  const position = `${lat}, ${lng}`;
  if (Math.abs(lng) <= 90 && near(lat, lng, id)) {
    return { kind: "possible-swap", field: positionField, value: position, message: `lies outside ${value} (${field}) while latitude ${lng}, longitude ${lat} lies inside it: latitude and longitude may be swapped` };
  }
  return { kind: "outside-country", field: positionField, value: position, message: `lies outside ${value}, the country the row names (${field})` };
}
