// CSV export of the shown incidents, for spreadsheets and for tools that read ACLED's tables:
// - ACLED's public column order (event_id_cnty … timestamp), then this project's columns, then any other
//   property the incidents carry, in order of first appearance;
// - a second row of HXL hashtags, as HDX publishes ACLED's country tables (the tags HDX uses where it has
//   one; HXL-style tags of the same pattern for the rest; extra columns untagged, as HDX leaves them);
// - UTF-8 with a BOM (so Excel reads Arabic correctly), CRLF line ends, RFC 4180 quoting;
// - formula injection made inert: text cells beginning with = + - @ tab or CR get a leading apostrophe by
//   the exact, reversible rule in lib/import/formula.ts; numeric columns stay plain numbers, even negative;
// - lines and areas (and points with an altitude) also as GeoJSON text in geometry_geojson; latitude and
//   longitude then hold a point on the feature, so the row still plots in a spreadsheet.
// Export → lib/import's importFile gives back every property value and coordinate exactly, with these
// limits (CSV has no types): extra properties come back as text ("3" for 3, "true" for true), an extra
// property holding "" or null is not written back, and a property named like a fixed column (year,
// latitude, event_id_cnty, …) is replaced by that column's value.
import { pointOnFeature } from "@turf/turf";
import { FIELD_KEYS, type IncidentFeature } from "../incident/model";
import { escapeFormula } from "../import/formula";
import { checkedSlices, propertyNames, SLICE_SIZE, type FeatureGroup } from "./slices";

export const CSV_MEDIA_TYPE = "text/csv; charset=utf-8";

type Cell = string | number | null | undefined;

interface Column {
  name: string;
  hxl: string;
  /** Written as a plain number (never escaped). */
  numeric?: boolean;
  value(f: IncidentFeature, geo: GeoCells): Cell;
}

interface GeoCells {
  lat: number;
  lng: number;
  geojson: string;
}

const prop = (name: string) => (f: IncidentFeature): Cell => f.properties[name] as Cell;
// ACLED columns the model does not type: written from the property of that name when an import kept one.
const passthrough = (name: string, hxl: string): Column => ({ name, hxl, value: (f) => extraCell(f.properties[name]) });

/** ACLED's public column order; `hxl` from HDX's ACLED tables where HDX tags the column. */
const ACLED_COLUMNS: readonly Column[] = [
  { name: "event_id_cnty", hxl: "#event+code", value: prop("event_id") },
  { name: "event_date", hxl: "#date+occurred", value: prop("event_date") },
  { name: "year", hxl: "#date+year", numeric: true, value: (f) => (f.properties.event_date ? Number(f.properties.event_date.slice(0, 4)) : null) },
  { name: "time_precision", hxl: "#date+precision", numeric: true, value: prop("time_precision") },
  passthrough("disorder_type", "#event+type+disorder"),
  { name: "event_type", hxl: "#event+type", value: prop("event_type") },
  { name: "sub_event_type", hxl: "#event+type+sub", value: prop("sub_event_type") },
  { name: "actor1", hxl: "#group+name+first", value: prop("actor1") },
  passthrough("assoc_actor_1", "#group+name+first+assoc"),
  passthrough("inter1", "#group+code+first"),
  { name: "actor2", hxl: "#group+name+second", value: prop("actor2") },
  passthrough("assoc_actor_2", "#group+name+second+assoc"),
  passthrough("inter2", "#group+code+second"),
  passthrough("interaction", "#group+code+interaction"),
  { name: "civilian_targeting", hxl: "#indicator+civilian_targeting", value: (f) => civilianTargeting(f.properties.civilian_targeting) },
  passthrough("iso", "#country+code+num"),
  passthrough("region", "#region+name"),
  passthrough("country", "#country+name"),
  { name: "admin1", hxl: "#adm1+name", value: prop("admin1") },
  passthrough("admin2", "#adm2+name"),
  passthrough("admin3", "#adm3+name"),
  { name: "location", hxl: "#loc+name", value: prop("location") },
  { name: "latitude", hxl: "#geo+lat", numeric: true, value: (_f, g) => g.lat },
  { name: "longitude", hxl: "#geo+lon", numeric: true, value: (_f, g) => g.lng },
  { name: "geo_precision", hxl: "#geo+precision", numeric: true, value: prop("geo_precision") },
  { name: "source", hxl: "#meta+source", value: prop("source") },
  passthrough("source_scale", "#meta+source+scale"),
  { name: "notes", hxl: "#description", value: prop("notes") },
  { name: "fatalities", hxl: "#affected+killed", numeric: true, value: prop("fatalities") },
  passthrough("tags", "#meta+tags"),
  passthrough("timestamp", "#date+updated"),
];

/** This project's columns after ACLED's. */
const PROJECT_COLUMNS: readonly Column[] = [
  { name: "event_date_end", hxl: "#date+occurred+end", value: prop("event_date_end") },
  { name: "wounded", hxl: "#affected+injured", numeric: true, value: prop("wounded") },
  { name: "captured", hxl: "#affected+captured", numeric: true, value: prop("captured") },
  { name: "source_quote", hxl: "#description+quote", value: prop("source_quote") },
  { name: "distance_km", hxl: "#geo+distance+km", numeric: true, value: prop("distance_km") },
  { name: "geometry_geojson", hxl: "#geo+geojson", value: (_f, g) => g.geojson },
];

export const CSV_COLUMNS: readonly { name: string; hxl: string }[] = [...ACLED_COLUMNS, ...PROJECT_COLUMNS].map(({ name, hxl }) => ({ name, hxl }));

// Properties written by the fixed columns (under their own or another name) are the model's FIELD_KEYS;
// every other property is an extra.
const FIXED_NAMES = new Set([...ACLED_COLUMNS, ...PROJECT_COLUMNS].map((c) => c.name));

function civilianTargeting(value: boolean | undefined): string {
  // ACLED writes "Civilian targeting" or leaves the cell blank; "false" keeps an explicit false distinct.
  return value === true ? "Civilian targeting" : value === false ? "false" : "";
}

function extraCell(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function geoCells(f: IncidentFeature): GeoCells {
  const g = f.geometry;
  if (g.type === "Point" && g.coordinates.length === 2) return { lng: g.coordinates[0], lat: g.coordinates[1], geojson: "" };
  const [lng, lat] = g.type === "Point" ? g.coordinates : pointOnFeature(g).geometry.coordinates;
  return { lng, lat, geojson: JSON.stringify({ type: g.type, coordinates: g.coordinates }) };
}

/** One cell: numbers plain; text formula-escaped, then quoted when RFC 4180 (or a `;` reader) needs it. */
function cell(value: Cell, numeric: boolean): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && (numeric || Number.isFinite(value))) return String(value);
  const text = escapeFormula(String(value));
  return /[",;\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text (with BOM) of `features`; throws GeoJSONValidationError when they are not valid incidents. */
export function toAcledCsv(features: readonly IncidentFeature[]): string {
  return [...acledCsvParts([{ features }])].join("");
}

/** The CSV text in parts: the BOM and the two header rows, then the rows of each slice (./slices.ts).
 * `groups` are the datasets' features (ids unique within each), tagged as written. Throws GeoJSONValidationError on a bad slice. */
export function* acledCsvParts(groups: readonly FeatureGroup[], size: number = SLICE_SIZE): Generator<string> {
  const extras = propertyNames(groups).filter((key) => !FIELD_KEYS.has(key) && !FIXED_NAMES.has(key));
  const columns: Column[] = [
    ...ACLED_COLUMNS,
    ...PROJECT_COLUMNS,
    ...extras.map((name): Column => ({ name, hxl: "", value: (f) => extraCell(f.properties[name]) })),
  ];
  yield `\uFEFF${columns.map((c) => cell(c.name, false)).join(",")}\r\n${columns.map((c) => cell(c.hxl, false)).join(",")}\r\n`;
  for (const slice of checkedSlices(groups, size)) {
    let text = "";
    for (const f of slice) {
      const geo = geoCells(f);
      text += `${columns.map((c) => cell(c.value(f, geo), c.numeric === true)).join(",")}\r\n`;
    }
    yield text;
  }
}
