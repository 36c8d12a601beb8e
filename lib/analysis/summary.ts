// What a researcher reads of a dataset before its map: how many incidents, over which days, of which
// types, in which months and places, how many killed, and how many have no date or only a region's place.
// Places come from the file's own `country` and `admin1` columns. Where a row has no country, the country its
// point lies in stands in (looked up elsewhere, off the main thread) and is counted as derived from the point;
// where a row has no admin1, the division of the nearest GeoNames place stands in the same way, counted apart.
import type { IncidentProperties } from "../incident/model";
import { pauseAfter, whole, type Steps } from "../incident/steps";

export const UNKNOWN_PLACE = "unknown";

/** A name and its count. */
export type Count = readonly [name: string, count: number];

export interface DatasetSummary {
  incidents: number;
  /** First and last day of the dated incidents (a range's last day counts); null when none is dated. */
  dated: { from: string; to: string } | null;
  undated: number;
  /** Located only to a region (geo_precision 3). */
  regionOnly: number;
  fatalities: number;
  /** By event type, most first (ties by name). */
  byType: Count[];
  /** By the month an incident starts in (`YYYY-MM`), in order; undated incidents are in none. */
  byMonth: Count[];
  /** By the file's `country`, else the point's country, most first; UNKNOWN_PLACE where neither is known. */
  byCountry: Count[];
  /** How many of byCountry's incidents were placed by their point's country (the file gave none). */
  countryFromPoint: number;
  /** By first-level division (the file's `admin1`, else the point's division; with its country when known), most first. */
  byDivision: Count[];
  /** How many of byDivision's incidents were placed by their point's division (the file gave none). */
  divisionFromPoint: number;
}

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

/** The country the file gives an incident (a non-blank `country`), or null: where null, the point's may stand in. */
export const fileCountry = (p: IncidentProperties): string | null => text(p.country);

/** The division the file gives an incident (a non-blank `admin1`), or null: where null, the point's may stand in. */
export const fileDivision = (p: IncidentProperties): string | null => text(p.admin1);

/** A division as the summary names it: with its country when one is known ("Daraa, Syria"). */
export const divisionLabel = (division: string, country: string | null): string => (country === null ? division : `${division}, ${country}`);

/**
 * What the page knows of an incident's point, asked only where the file is silent: null (none), undefined (not
 * known yet). A point's division comes named with the point's own country (divisionLabel), not the file's: a
 * point over a border lies in the neighbour's division.
 */
export interface PointPlaces {
  country?: (p: IncidentProperties) => string | null | undefined;
  division?: (p: IncidentProperties) => string | null | undefined;
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

const mostFirst = (counts: Map<string, number>): Count[] => [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

/**
 * The summary of one dataset's incidents (already filtered as the page filters them). `point` says the country
 * and the first-level division an incident's point lies in, asked only where the file gives none.
 */
export function summarise(incidents: Iterable<IncidentProperties>, point: PointPlaces = {}): DatasetSummary {
  return whole(summarySteps(incidents, point));
}

/** summarise, pausing now and then (lib/incident/steps.ts). */
export function* summarySteps(incidents: Iterable<IncidentProperties>, point: PointPlaces = {}): Steps<DatasetSummary> {
  let count = 0;
  let undated = 0;
  let regionOnly = 0;
  let fatalities = 0;
  let countryFromPoint = 0;
  let divisionFromPoint = 0;
  let from: string | null = null;
  let to: string | null = null;
  const types = new Map<string, number>();
  const months = new Map<string, number>();
  const countries = new Map<string, number>();
  const divisions = new Map<string, number>();
  for (const p of incidents) {
    if (count > 0 && pauseAfter(count - 1)) yield;
    count++;
    fatalities += p.fatalities;
    if (p.geo_precision === 3) regionOnly++;
    bump(types, p.event_type);
    if (p.event_date === null) undated++;
    else {
      const last = p.event_date_end ?? p.event_date;
      if (from === null || p.event_date < from) from = p.event_date;
      if (to === null || last > to) to = last;
      bump(months, p.event_date.slice(0, 7));
    }
    const country = fileCountry(p);
    const admin1 = fileDivision(p);
    const derived = country === null ? (point.country?.(p) ?? null) : null;
    if (derived !== null) countryFromPoint++;
    bump(countries, country ?? derived ?? UNKNOWN_PLACE);
    const derivedDivision = admin1 === null ? (point.division?.(p) ?? null) : null;
    if (derivedDivision !== null) divisionFromPoint++;
    bump(divisions, admin1 !== null ? divisionLabel(admin1, country) : (derivedDivision ?? UNKNOWN_PLACE));
  }
  return {
    incidents: count,
    dated: from !== null && to !== null ? { from, to } : null,
    undated,
    regionOnly,
    fatalities,
    byType: mostFirst(types),
    byMonth: [...months].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    byCountry: mostFirst(countries),
    countryFromPoint,
    byDivision: mostFirst(divisions),
    divisionFromPoint,
  };
}
