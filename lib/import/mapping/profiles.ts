// The file layouts known by their header, each with the role of every column it names. Headers are
// compared case-insensitively (ACLED's pre-2018 files write them in upper case); a column a profile does
// not name is kept under its own name. Sources: ACLED's codebooks and its notes on the 2019 event types
// (https://www.acleddata.com/2019/03/14/acled-introduces-new-event-types-and-sub-event-types/) and the
// 2023 column changes (https://acleddata.com/knowledge-base/guide-to-2023-acled-column-changes: data_id,
// event_id_no_cnty and iso3 removed; disorder_type, civilian_targeting and tags added); UCDP GED Codebook
// v19.1 (Högbladh 2019); TimeMap's datasheet records (forensic-architecture/timemap: id, date, latitude,
// longitude, location, description, sources, filters).
import type { PrecisionScale, ColumnRole } from "./types";

export interface Profile {
  name: string;
  /** Lower-case column names that must all be present. */
  requires: readonly string[];
  /** At least one of these must be present too, when given. */
  anyOf?: readonly string[];
  /** Lower-case column names whose presence rules the profile out. */
  excludes?: readonly string[];
  /** Lower-case column name → role; columns not listed are kept. */
  roles: Readonly<Record<string, ColumnRole>>;
  precision: { geo: PrecisionScale; time: PrecisionScale };
  /** How the event_type column is read ("ucdp": type_of_violence codes). */
  types: "acled" | "ucdp";
}

// The columns every ACLED vintage shares, under today's names.
const ACLED_COMMON: Record<string, ColumnRole> = {
  event_id_cnty: "id",
  event_date: "date",
  year: "year",
  time_precision: "time_precision",
  event_type: "event_type",
  sub_event_type: "sub_event_type",
  actor1: "actor1",
  actor2: "actor2",
  country: "country",
  admin1: "admin1",
  admin2: "admin2",
  location: "location",
  latitude: "latitude",
  longitude: "longitude",
  geo_precision: "geo_precision",
  source: "source",
  notes: "notes",
  fatalities: "fatalities",
};

const ACLED_PRECISION = { geo: "acled", time: "acled" } as const;

export const PROFILES: readonly Profile[] = [
  {
    // Since March 2023 (export and API): disorder_type, civilian_targeting, tags.
    name: "ACLED 2023–",
    requires: ["event_id_cnty", "event_date", "event_type", "disorder_type"],
    roles: { ...ACLED_COMMON, civilian_targeting: "civilian_targeting" },
    precision: ACLED_PRECISION,
    types: "acled",
  },
  {
    // From the 2019 event types (sub_event_type) until March 2023: data_id, iso3, no disorder_type.
    name: "ACLED 2019–2020",
    requires: ["event_id_cnty", "event_date", "event_type", "sub_event_type"],
    excludes: ["disorder_type"],
    roles: ACLED_COMMON,
    precision: ACLED_PRECISION,
    types: "acled",
  },
  {
    // Before 2019: upper-case headers, GWNO, ALLY_ACTOR_1/2, the old event types, no sub_event_type.
    name: "ACLED pre-2018",
    requires: ["event_id_cnty", "event_date", "event_type"],
    excludes: ["sub_event_type", "disorder_type"],
    roles: ACLED_COMMON,
    precision: ACLED_PRECISION,
    types: "acled",
  },
  {
    name: "UCDP GED",
    requires: ["date_start", "type_of_violence", "side_a"],
    roles: {
      id: "id",
      date_start: "date",
      date_end: "date_end",
      date_prec: "time_precision",
      where_prec: "geo_precision",
      type_of_violence: "event_type",
      side_a: "actor1",
      side_b: "actor2",
      best: "fatalities",
      latitude: "latitude",
      longitude: "longitude",
      // The same point as latitude/longitude, written as WKT: one position source is enough.
      geom_wkt: "ignore",
      country: "country",
      adm_1: "admin1",
      adm_2: "admin2",
      where_coordinates: "location",
      source_article: "source",
      source_headline: "notes",
      year: "year",
    },
    precision: { geo: "ucdp-where", time: "ucdp-date" },
    types: "ucdp",
  },
  {
    name: "TimeMap",
    requires: ["date", "description"],
    anyOf: ["sources", "filters"],
    roles: {
      id: "id",
      date: "date",
      latitude: "latitude",
      longitude: "longitude",
      location: "location",
      description: "notes",
      sources: "link",
      filters: "facet",
      associations: "facet",
    },
    precision: ACLED_PRECISION,
    types: "acled",
  },
];

/** The first profile the header fits, or null (then roles are guessed column by column). */
export function recogniseProfile(columns: readonly string[]): Profile | null {
  const names = new Set(columns.map((c) => c.trim().toLowerCase()));
  return (
    PROFILES.find(
      (p) => p.requires.every((c) => names.has(c)) && (!p.anyOf || p.anyOf.some((c) => names.has(c))) && !(p.excludes ?? []).some((c) => names.has(c)),
    ) ?? null
  );
}
