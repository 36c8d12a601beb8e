// A column's role guessed from its name, its HXL hashtag, and (where names are silent) its values: the
// path for any file no profile knows (a GeoJSON's properties, a researcher's own spreadsheet), and for
// the columns a profile does not name.
import type { ColumnRole } from "./types";
import { WKT_ANY } from "./values";

// Names, lower case with spaces, dots and dashes read as "_", by role; the first role listing a name wins.
const NAMES: readonly (readonly [ColumnRole, readonly string[]])[] = [
  ["id", ["event_id", "event_id_cnty", "id", "eventid", "event_no", "incident_id", "uid", "uuid"]],
  ["date", ["event_date", "date", "datetime", "date_time", "time", "date_start", "start_date", "date_occurred", "occurred", "day", "when", "sqldate"]],
  ["date_end", ["event_date_end", "date_end", "end_date", "enddate"]],
  ["latitude", ["latitude", "lat", "y", "lat_dd", "latitude_dd", "ycoord", "y_coord"]],
  ["longitude", ["longitude", "lon", "lng", "long", "x", "lon_dd", "longitude_dd", "xcoord", "x_coord"]],
  ["geometry", ["geometry_geojson", "geometry", "geom", "geom_wkt", "wkt", "the_geom", "geojson", "shape"]],
  // GDELT's ActionGeo_FullName ("Kiev, Ukraine (general), Ukraine") is the event's place as GDELT writes it.
  ["location", ["location", "location_name", "place_name", "placename", "site", "actiongeo_fullname", "full_location"]],
  ["place", ["place", "locality", "town", "village", "city", "settlement", "neighbourhood", "neighborhood"]],
  ["admin1", ["admin1", "adm1", "adm_1", "province", "governorate", "state", "oblast", "departamento", "department", "provincia"]],
  ["admin2", ["admin2", "adm2", "adm_2", "district", "municipio", "municipality"]],
  ["country", ["country", "country_name", "pays", "pais", "país", "iso", "iso3", "country_code"]],
  ["event_type", ["event_type", "type", "category", "incident_type", "event_category", "type_of_violence"]],
  ["sub_event_type", ["sub_event_type", "subtype", "sub_type", "sub_category", "subcategory"]],
  ["actor1", ["actor1", "actor_1", "actor", "perpetrator", "side_a"]],
  ["actor2", ["actor2", "actor_2", "target", "side_b"]],
  ["fatalities", ["fatalities", "deaths", "killed", "dead", "fatality", "death_toll", "best"]],
  ["wounded", ["wounded", "injured", "injuries"]],
  ["captured", ["captured", "detained", "abducted"]],
  ["civilian_targeting", ["civilian_targeting"]],
  ["geo_precision", ["geo_precision"]],
  ["time_precision", ["time_precision"]],
  ["year", ["year"]],
  ["notes", ["notes", "description", "summary", "details", "comment", "comments", "text", "narrative", "desc"]],
  ["source", ["source", "sources", "source_name", "reported_by"]],
  ["source_quote", ["source_quote", "quote"]],
  ["link", ["link", "url", "source_url", "href", "sourceurl", "source_link", "links"]],
  ["distance_km", ["distance_km"]],
];

// HXL hashtags (https://hxlstandard.org/standard/dictionary/) as HDX writes them under the header; our own
// export writes these too. Attributes are compared in any order.
const HXL: readonly (readonly [ColumnRole, string])[] = [
  ["id", "#event+code"],
  ["id", "#event+id"],
  ["date", "#date+occurred"],
  ["date", "#date"],
  ["date_end", "#date+occurred+end"],
  ["year", "#date+year"],
  ["time_precision", "#date+precision"],
  ["event_type", "#event+type"],
  ["sub_event_type", "#event+type+sub"],
  ["actor1", "#group+name+first"],
  ["actor2", "#group+name+second"],
  ["civilian_targeting", "#indicator+civilian_targeting"],
  ["admin1", "#adm1+name"],
  ["location", "#loc+name"],
  ["latitude", "#geo+lat"],
  ["longitude", "#geo+lon"],
  ["geo_precision", "#geo+precision"],
  ["geometry", "#geo+geojson"],
  ["source", "#meta+source"],
  ["link", "#meta+url"],
  ["notes", "#description"],
  ["source_quote", "#description+quote"],
  ["fatalities", "#affected+killed"],
  ["fatalities", "#affected+dead"],
  ["wounded", "#affected+injured"],
  ["captured", "#affected+captured"],
  ["distance_km", "#geo+distance+km"],
];

const normName = (name: string) => name.trim().toLowerCase().replace(/[\s.\-]+/g, "_");
/** `#geo +Lat` → `#geo+lat`, attributes sorted, so `#geo+lat+dd` finds `#geo+dd+lat`. */
export function normHxl(tag: string): string {
  const [hash, ...attrs] = tag.trim().toLowerCase().split("+").map((s) => s.trim());
  return [hash, ...attrs.sort()].join("+");
}
const HXL_ROLES = new Map<string, ColumnRole>();
for (const [role, tag] of HXL) if (!HXL_ROLES.has(normHxl(tag))) HXL_ROLES.set(normHxl(tag), role);

export interface NameGuess {
  role: ColumnRole;
  /** How strongly the name says it: 0 for a hashtag or a role's own name, then its place in the role's list. */
  rank: number;
}

/** The role a column's name or hashtag suggests, or null. A hashtag is the publisher's word and comes first. */
export function roleByName(name: string, hxl?: string | null): NameGuess | null {
  if (hxl) {
    const role = HXL_ROLES.get(normHxl(hxl));
    if (role) return { role, rank: 0 };
  }
  const n = normName(name);
  if (n.startsWith("#")) {
    const role = HXL_ROLES.get(normHxl(n));
    if (role) return { role, rank: 0 };
  }
  for (const [role, names] of NAMES) {
    const rank = names.indexOf(n);
    if (rank !== -1) return { role, rank };
  }
  return null;
}

const isGeometryObject = (v: unknown) =>
  typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as { type?: unknown }).type === "string" && Array.isArray((v as { coordinates?: unknown }).coordinates);

/** The role a column's values suggest when its name does not: WKT or a GeoJSON geometry → geometry. */
export function roleByValues(values: readonly unknown[]): ColumnRole | null {
  const present = values.filter((v) => v !== undefined && v !== null && v !== "");
  if (present.length === 0) return null;
  const geometry = present.every((v) => (typeof v === "string" ? WKT_ANY.test(v) || /^\s*\{\s*"type"\s*:/.test(v) : isGeometryObject(v)));
  return geometry ? "geometry" : null;
}
