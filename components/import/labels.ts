// What the mapping step calls roles, date formats and file formats, in words a researcher uses.
import { flagGroups, type FlagAction, type FlaggedRow, type FlagGroup, type FlagKind } from "@/lib/import/flags";
import type { DateFormat, ColumnRole } from "@/lib/import/mapping/types";
import type { SourceFormat } from "@/lib/import/source/types";

export const ROLE_LABELS: Record<ColumnRole, string> = {
  id: "Incident id",
  date: "Date",
  date_end: "End date",
  latitude: "Latitude",
  longitude: "Longitude",
  geometry: "Geometry (WKT or GeoJSON)",
  place: "Place name to geocode",
  location: "Location name",
  admin1: "Region (admin1)",
  admin2: "District (admin2)",
  country: "Country (name or ISO code)",
  event_type: "Event type",
  sub_event_type: "Sub-event type",
  actor1: "Actor 1",
  actor2: "Actor 2",
  fatalities: "Fatalities",
  wounded: "Wounded",
  captured: "Captured",
  civilian_targeting: "Civilian targeting",
  geo_precision: "Location precision",
  time_precision: "Date precision",
  year: "Year",
  notes: "Notes",
  source: "Source",
  source_quote: "Source's words",
  link: "Link",
  distance_km: "Distance (km)",
  facet: "Facet (a filter of its own)",
  keep: "Keep as it is",
  ignore: "Ignore",
};

export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  iso: "ISO, 2021-08-05",
  dmy: "Day first, DD/MM/YYYY (05/08/2021 is 5 August)",
  mdy: "Month first, MM/DD/YYYY (08/05/2021 is 5 August)",
  "d-mmm-yy": "5-Aug-21",
  "d mmmm yyyy": "05 August 2021",
  "excel-serial": "Excel day number, 44413",
  "month-year": "Month and year, August 2021",
  year: "Year alone, 2021",
  unix: "Unix time in seconds",
  yyyymmdd: "Digits, YYYYMMDD (GDELT's SQLDATE), 20210805",
};

export const FORMAT_LABELS: Record<SourceFormat, string> = {
  csv: "CSV",
  xlsx: "Excel workbook",
  geojson: "GeoJSON",
  ndjson: "Newline-delimited GeoJSON",
  "json-records": "JSON records",
  kml: "KML",
};

// @option MAX_LISTED: number = 500, items the report lists per section; the rest are counted.
export const MAX_LISTED = 500;

/** A group of flagged rows as the report shows it: the first MAX_LISTED rows listed, how many in all, and
 *  the incidents its one-click action is for. */
export type ListedFlagGroup = Omit<FlagGroup, "flags"> & { flags: FlaggedRow[]; total: number };

/** The report's flagged rows by group, listed as the report shows them (the import worker sends these, not
 *  every row: a million-row import's 95,000 flagged rows as objects took the page's thread ~200 ms to receive). */
export const listedFlagGroups = (flagged: readonly FlaggedRow[]): ListedFlagGroup[] =>
  flagGroups(flagged).map((g) => ({ kind: g.kind, ids: g.ids, flags: g.flags.slice(0, MAX_LISTED), total: g.flags.length }));

/** A group of flagged rows in the report, and the mapping step's count of them. */
export const FLAG_LABELS: Record<FlagKind, string> = {
  "possible-swap": "Possibly swapped latitude and longitude",
  swapped: "Latitude beyond ±90, read swapped",
  "outside-country": "Outside the country the row names",
  "placed-on-division": "Place not found, placed on its division or country",
  unreadable: "Values that could not be read (left empty or default)",
  "id-renamed": "Ids already used, kept under a suffix",
  "possible-repeat": "Rows without an id repeating an earlier row exactly",
};

/** The report's one-click action on a group of `n` flagged incidents. */
export const flagActionLabel = (action: FlagAction, n: number) => `${action === "swap" ? "Swap" : "Drop"} ${n === 1 ? "this one" : `these ${n.toLocaleString("en")}`}`;

export const SEPARATOR_LABELS: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar" };

/** A cell as the mapping step shows it: text, shortened; objects as their JSON. */
export function showCell(value: unknown, max = 40): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
