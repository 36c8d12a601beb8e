// The mapping step's vocabulary: what each column of a file becomes, and how its dates are written. A
// proposal is made from a sample; the user may change any part; the same Mapping then reads every record.
export const COLUMN_ROLES = [
  "id",
  "date",
  "date_end",
  "latitude",
  "longitude",
  "geometry",
  "place",
  "location",
  "admin1",
  "admin2",
  "country",
  "event_type",
  "sub_event_type",
  "actor1",
  "actor2",
  "fatalities",
  "wounded",
  "captured",
  "civilian_targeting",
  "geo_precision",
  "time_precision",
  "year",
  "notes",
  "source",
  "source_quote",
  "link",
  "distance_km",
  "facet",
  "keep",
  "ignore",
] as const;
/** "keep" carries the column into the incident's properties under its own name; "ignore" drops it; "facet"
 *  makes it filterable (a list of {key, value} pairs: a facet per key; lib/import/mapping/facets.ts).
 *  "country" and "admin2" are read (to check a position, to disambiguate a place) and kept under their own name. */
export type ColumnRole = (typeof COLUMN_ROLES)[number];

export const DATE_FORMATS = [
  "iso", // 2021-08-05, 2021-08-05T10:00:00Z
  "dmy", // 05/08/2021, 5.8.2021, 05-08-2021
  "mdy", // 08/05/2021
  "d-mmm-yy", // 5-Aug-21 (Excel's re-save of ACLED)
  "d mmmm yyyy", // 05 August 2021 (ACLED)
  "excel-serial", // 44413
  "month-year", // August 2021, 2021-08 (a month: time_precision 3)
  "year", // 2021 (time_precision 3)
  "unix", // ACLED's `timestamp` (seconds)
  "yyyymmdd", // GDELT's SQLDATE, 20210805 (and DATEADDED's 20210805103000)
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** Which scale a precision column uses; UCDP's are mapped to ACLED's 1–3 by the table in the README. */
export type PrecisionScale = "acled" | "ucdp-where" | "ucdp-date";

export interface Mapping {
  /** The profile recognised ("ACLED 2023–", "ACLED 2019–2020", "ACLED pre-2018", "UCDP GED", "TimeMap", "GeoJSON", "custom"). */
  profile: string;
  /** Role of each column, by column name as Source.columns gives it. */
  roles: Record<string, ColumnRole>;
  /** Format of the date and end-date columns; null when the file has no date column. */
  dateFormat: DateFormat | null;
  /** Two-digit years: yy < pivot → 20yy, else 19yy. */
  twoDigitYearPivot: number;
  /** Scale of the geo_precision/time_precision columns. */
  precision: { geo: PrecisionScale; time: PrecisionScale };
  /** The facet key (of a facet column's {key, value} pairs) whose value is the event type; absent: none. */
  eventTypeFacet?: string;
  /** A file without a date column: one ISO day (or range) given to every row; absent → undated. */
  fixedDate?: FixedDate;
}

/** One date or range the user gives every row of an undated file: ISO days, `end` not before `date`. */
export interface FixedDate {
  date: string;
  end?: string;
}

export interface DateGuess {
  column: string | null;
  /** Formats every non-blank value of the column fits, most specific first; the proposal takes the first. */
  candidates: DateFormat[];
  /** True when more than one candidate remains (e.g. every day ≤ 12): the mapping step must show the choice. */
  ambiguous: boolean;
  /** Values no candidate reads, with a count, for the report. */
  unreadable: { value: string; count: number }[];
}

export interface Proposal {
  mapping: Mapping;
  date: DateGuess;
  /** What was assumed, in words, for the mapping step and the report (e.g. "Remote violence → Explosions/Remote violence (ACLED 2019 crosswalk)"). */
  assumptions: string[];
  /** Per column holding {key, value} pairs, the keys its sample rows name, in order of appearance. */
  facetKeys?: Record<string, string[]>;
  /** Column pairs whose names and values say latitude and longitude, found when no column is named so; the proposed one first. */
  positions?: PositionPair[];
}

/** Two columns that together give a position. */
export interface PositionPair {
  latitude: string;
  longitude: string;
}
