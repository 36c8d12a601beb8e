// A sample of a file → the proposed Mapping: the profile its header fits (or roles guessed column by
// column), the date format its date column's values settle on, swapped latitude/longitude columns judged
// from the file's own rows, and every assumption in words for the mapping step and the report.
import { showValue } from "../../incident/validate";
import { unsafeKeyReason } from "../keys";
import type { Source } from "../source/types";
import { guessDateFormat, TWO_DIGIT_YEAR_PIVOT } from "./dates";
import { typeAssumptions } from "./event-types";
import { roleByName, roleByValues, type NameGuess } from "./guess";
import { judgePairs, namedForEvent, pairsByName, rankPairs } from "./positions";
import { recogniseProfile } from "./profiles";
import type { Mapping, PositionPair, Proposal, ColumnRole } from "./types";
import { parseNumber, textOf } from "./values";
import { looksLikeFacetColumn, proposeTypeFacet, sampleFacetKeys } from "./facets";

/** What the proposal reads of a Source. */
export type SampleSource = Pick<Source, "format" | "columns" | "hxl" | "hasGeometry" | "sample">;

/** Roles a single column holds at most; keep, ignore and facet may repeat. */
const SINGLE = (role: ColumnRole) => role !== "keep" && role !== "ignore" && role !== "facet";

export function proposeMapping(source: SampleSource): Proposal {
  const assumptions: string[] = [];
  const profile = recogniseProfile(source.columns);
  const columnValues = (i: number) => source.sample.map((r) => r.values[i]);
  const roles: [string, ColumnRole][] = [];
  const taken = new Map<ColumnRole, string>();
  const claim = (name: string, role: ColumnRole): ColumnRole => {
    if (!SINGLE(role)) return role;
    const first = taken.get(role);
    if (first !== undefined) {
      assumptions.push(`column ${showValue(name)} is kept as its own property: column ${showValue(first)} already gives ${role}`);
      return "keep";
    }
    taken.set(role, name);
    return role;
  };

  // A profile's columns first, so a guess from a later column's name never displaces them.
  const profileRole = (name: string): ColumnRole | undefined => {
    const key = name.trim().toLowerCase();
    return profile && Object.hasOwn(profile.roles, key) ? profile.roles[key] : undefined;
  };
  const decided = new Map<number, ColumnRole>();
  source.columns.forEach((name, i) => {
    if (unsafeKeyReason(name)) return;
    const role = profileRole(name);
    if (role !== undefined) decided.set(i, claim(name, role));
  });
  // Then names: for each role the column whose name says it most plainly ("event_id" before a feature's "id").
  const guesses = source.columns.map((name, i) => (decided.has(i) || unsafeKeyReason(name) ? null : roleByName(name, source.hxl?.[i])));
  const order = guesses.map((g, i) => [g, i] as const).filter(([g]) => g !== null).sort(([a], [b]) => (a as NameGuess).rank - (b as NameGuess).rank);
  for (const [g, i] of order) decided.set(i, claim(source.columns[i], (g as NameGuess).role));
  source.columns.forEach((name, i) => {
    const unsafe = unsafeKeyReason(name);
    if (unsafe) {
      assumptions.push(unsafeColumnWarning(i, name, unsafe));
      return;
    }
    // A column of {key, value} lists or of string arrays is a facet by its shape (lib/import/mapping/facets.ts).
    const byShape = looksLikeFacetColumn(columnValues(i)) ? "facet" : undefined;
    roles.push([name, decided.get(i) ?? byShape ?? claim(name, roleByValues(columnValues(i)) ?? "keep")]);
  });

  const positions = positionsByValues(source, roles, assumptions);

  // A latitude without a longitude (or the reverse) places nothing: both are kept as plain columns.
  const lat = roles.find(([, r]) => r === "latitude");
  const lng = roles.find(([, r]) => r === "longitude");
  if ((lat === undefined) !== (lng === undefined)) {
    const lone = (lat ?? lng) as [string, ColumnRole];
    assumptions.push(`column ${showValue(lone[0])} is kept as its own property: a ${lone[1]} column needs a ${lone[1] === "latitude" ? "longitude" : "latitude"} column`);
    lone[1] = "keep";
  }
  if (lat && lng) swapIfMostRowsSay(source, lat, lng, assumptions);

  // A column named like a date ("time", "day") that holds no date at all is not the date.
  const named = roles.find(([, r]) => r === "date");
  if (named && profileRole(named[0]) === undefined) {
    const i = source.columns.indexOf(named[0]);
    const values = columnValues(i);
    if (guessDateFormat(named[0], values).candidates.length === 0 && values.some((v) => textOf(v).trim() !== "")) {
      named[1] = "keep";
      assumptions.push(`column ${showValue(named[0])} holds no date this importer reads: it is kept as its own property`);
    }
  }
  if (!roles.some(([, r]) => r === "date")) findDateByValues(source, roles, assumptions);

  const nameIndex = new Map(source.columns.map((c, i) => [c, i] as const));
  const valuesOf = (role: ColumnRole) => {
    const found = roles.find(([, r]) => r === role);
    return found ? columnValues(nameIndex.get(found[0]) as number) : [];
  };
  const dateColumn = roles.find(([, r]) => r === "date")?.[0] ?? null;
  const date = guessDateFormat(dateColumn, [...valuesOf("date"), ...valuesOf("date_end")], TWO_DIGIT_YEAR_PIVOT);
  if (date.ambiguous) assumptions.push(`the dates in ${showValue(dateColumn)} read as ${date.candidates.join(" or ")}: no value settles it; ${date.candidates[0]} is proposed`);

  const typeColumn = roles.find(([, r]) => r === "event_type")?.[0];
  const facetKeys = sampleFacetKeys(source.columns, source.sample);
  const pairColumns = roles.filter(([c, r]) => r === "facet" && Object.hasOwn(facetKeys, c)).map(([c]) => c);
  const typeFacet = typeColumn === undefined ? proposeTypeFacet(source.columns, source.sample, pairColumns) : undefined;
  if (typeFacet !== undefined) assumptions.push(`the event type is the facet ${showValue(typeFacet)}: the one most rows give, with the fewest values`);
  else if (typeColumn === undefined) assumptions.push("no event type column: every incident is Unclassified");
  else {
    const scheme = typeColumn.trim().toLowerCase() === "type_of_violence" ? "ucdp" : "acled";
    assumptions.push(...typeAssumptions(valuesOf("event_type").map(textOf), scheme));
  }
  assumptions.push(...precisionAssumptions({ roles: Object.fromEntries(roles) }));

  const name = profile?.name ?? (source.hasGeometry ? "GeoJSON" : "custom");
  if (profile) assumptions.unshift(`recognised as ${profile.name} from its header`);
  const mapping: Mapping = {
    profile: name,
    roles: Object.fromEntries(roles),
    dateFormat: date.candidates[0] ?? null,
    twoDigitYearPivot: TWO_DIGIT_YEAR_PIVOT,
    precision: profile?.precision ?? { geo: "acled", time: "acled" },
    ...(typeFacet !== undefined ? { eventTypeFacet: typeFacet } : {}),
  };
  const proposal: Proposal = { mapping, date, assumptions, facetKeys };
  if (positions.length > 0) proposal.positions = positions;
  return proposal;
}

/**
 * When names give no position (no geometry, no latitude and longitude pair), columns paired by their names
 * and fitting by their values (positions.ts) become latitude and longitude: the pair named for the event's
 * place first. Returns every fitting pair, the proposed one first, for the mapping step to offer.
 */
function positionsByValues(source: SampleSource, roles: [string, ColumnRole][], assumptions: string[]): PositionPair[] {
  const has = (role: ColumnRole) => roles.some(([, r]) => r === role);
  if (source.hasGeometry || has("geometry") || (has("latitude") && has("longitude"))) return [];
  // Only columns left as plain properties (or a lone latitude or longitude) may be paired.
  const free = new Set(roles.filter(([, r]) => r === "keep" || r === "latitude" || r === "longitude").map(([c]) => c));
  const pairs = pairsByName(source.columns).filter((p) => free.has(p.latitude) && free.has(p.longitude));
  if (pairs.length === 0) return [];
  const index = new Map(source.columns.map((c, i) => [c, i] as const));
  const verdicts = judgePairs(pairs, (c) => source.sample.map((r) => r.values[index.get(c) as number]));
  for (const v of verdicts) {
    if (v.unfit !== null) assumptions.push(`columns ${showValue(v.latitude)} and ${showValue(v.longitude)} are named like a latitude and a longitude but are not read as the position: ${v.unfit}`);
  }
  const fitting = rankPairs(verdicts);
  if (fitting.length === 0) return [];
  const [chosen, ...others] = fitting;
  for (const entry of roles) {
    if ((entry[1] === "latitude" || entry[1] === "longitude") && entry[0] !== chosen.latitude && entry[0] !== chosen.longitude) {
      assumptions.push(`column ${showValue(entry[0])} is kept as its own property: it has no ${entry[1] === "latitude" ? "longitude" : "latitude"} column beside it`);
      entry[1] = "keep";
    }
    if (entry[0] === chosen.latitude) entry[1] = "latitude";
    if (entry[0] === chosen.longitude) entry[1] = "longitude";
  }
  assumptions.push(`columns ${showValue(chosen.latitude)} and ${showValue(chosen.longitude)} are read as latitude and longitude: their names pair them and their values are decimal degrees`);
  if (others.length > 0) {
    const listed = others.map((p) => `${showValue(p.latitude)} and ${showValue(p.longitude)}`).join("; ");
    assumptions.push(`other columns could give the position (${listed}): ${showValue(chosen.latitude)} is proposed as ${namedForEvent(chosen) ? "the event's own place" : "the pair with most values"}; choose another under "Position from"`);
  }
  return fitting.map(({ latitude, longitude }) => ({ latitude, longitude }));
}

// Formats a column of text can only hold if it holds dates; bare numbers (years, serials, unix times) could
// be anything, so a column is never made the date by its numbers alone.
const DATE_LIKE: ReadonlySet<string> = new Set(["iso", "dmy", "mdy", "d-mmm-yy", "d mmmm yyyy", "month-year"]);

/** The first kept column whose every sample value reads as a date becomes the date. */
function findDateByValues(source: SampleSource, roles: [string, ColumnRole][], assumptions: string[]): void {
  for (const entry of roles) {
    if (entry[1] !== "keep") continue;
    const i = source.columns.indexOf(entry[0]);
    const guess = guessDateFormat(entry[0], source.sample.map((r) => r.values[i]), TWO_DIGIT_YEAR_PIVOT);
    if (guess.candidates.length > 0 && guess.unreadable.length === 0 && DATE_LIKE.has(guess.candidates[0])) {
      entry[1] = "date";
      assumptions.push(`column ${showValue(entry[0])} holds dates (${guess.candidates[0]}): it is read as the date`);
      return;
    }
  }
}

/** The words for a column whose name may not become a property name. */
export const unsafeColumnWarning = (i: number, name: string, reason: string) => `column ${i + 1} (${showValue(name)}) was ignored: its name is ${reason}`;

/** What a mapping says about precision: "as given" when the file has no precision column. */
export function precisionAssumptions(mapping: Pick<Mapping, "roles">): string[] {
  const roles = Object.values(mapping.roles);
  const out: string[] = [];
  if (!roles.includes("geo_precision")) out.push("the file gives no geo_precision: positions are as given (geo_precision 1 for coordinates, the geocoder's for place names)");
  if (!roles.includes("time_precision")) out.push("the file gives no time_precision: dates are as given (1 for a day, 2 for a range up to a week, 3 for a month, a year or longer)");
  return out;
}

/**
 * Swaps the latitude and longitude columns' roles when most sample rows with both numbers show a latitude
 * beyond ±90 whose longitude fits: the only sign a file gives by itself (no expected region is assumed).
 */
function swapIfMostRowsSay(source: SampleSource, lat: [string, ColumnRole], lng: [string, ColumnRole], assumptions: string[]): void {
  const li = source.columns.indexOf(lat[0]);
  const gi = source.columns.indexOf(lng[0]);
  let pairs = 0;
  let swapped = 0;
  for (const r of source.sample) {
    let a: number | null;
    let b: number | null;
    try {
      a = parseNumber(r.values[li]);
      b = parseNumber(r.values[gi]);
    } catch {
      continue;
    }
    if (a === null || b === null) continue;
    pairs++;
    if (Math.abs(a) > 90 && Math.abs(b) <= 90) swapped++;
  }
  if (pairs > 0 && swapped > pairs / 2) {
    lat[1] = "longitude";
    lng[1] = "latitude";
    assumptions.push(`latitude and longitude appear swapped: in ${swapped} of ${pairs} sample rows ${showValue(lat[0])} is beyond ±90 while ${showValue(lng[0])} fits; ${showValue(lat[0])} is read as longitude and ${showValue(lng[0])} as latitude`);
  }
}
