// The columns (CSV) and property keys (GeoJSON) the importer understands, each with the names it is known
// by. Shared with lib/export/csv.ts so export and import agree on names and on which cells are numbers.

/** Canonical field → accepted names, preferred first (ACLED's names, then the project's, then common short forms). */
export const FIELD_ALIASES = {
  event_id: ["event_id", "event_id_cnty"],
  event_date: ["event_date"],
  event_date_end: ["event_date_end"],
  year: ["year"],
  time_precision: ["time_precision"],
  event_type: ["event_type"],
  sub_event_type: ["sub_event_type"],
  actor1: ["actor1"],
  actor2: ["actor2"],
  civilian_targeting: ["civilian_targeting"],
  fatalities: ["fatalities"],
  wounded: ["wounded"],
  captured: ["captured"],
  location: ["location"],
  admin1: ["admin1"],
  geo_precision: ["geo_precision"],
  notes: ["notes"],
  source: ["source"],
  source_quote: ["source_quote"],
  distance_km: ["distance_km"],
  latitude: ["latitude", "lat"],
  longitude: ["longitude", "lon", "lng", "long"],
  geometry_geojson: ["geometry_geojson"],
} as const satisfies Record<string, readonly string[]>;

export type Field = keyof typeof FIELD_ALIASES;
export const FIELDS = Object.keys(FIELD_ALIASES) as Field[];

/** Fields written as plain numbers on export and therefore never formula-escaped or unescaped. */
export const NUMERIC_FIELDS: ReadonlySet<Field> = new Set<Field>([
  "year",
  "time_precision",
  "fatalities",
  "wounded",
  "captured",
  "geo_precision",
  "distance_km",
  "latitude",
  "longitude",
]);

/** Fields that describe the geometry, not a property: in GeoJSON the geometry member wins over them. */
export const GEOMETRY_FIELDS: ReadonlySet<Field> = new Set<Field>(["latitude", "longitude", "geometry_geojson"]);

export interface ColumnMap {
  /** Canonical field → the key (header or property name) that holds it. */
  fields: Map<Field, string>;
  /** Keys kept as extra properties, in file order. */
  extras: string[];
  /** Keys that also look like a field already taken by another key: kept as extras, and said so. */
  shadowed: { key: string; field: Field; used: string }[];
}

const norm = (key: string) => key.trim().toLowerCase();

/**
 * Assigns keys to fields: for each field, an exact match of its preferred name first, then an exact match
 * of a later alias, then a case- and space-insensitive match. Every other key is an extra. `keys` must
 * already be free of reserved names (see keys.ts).
 */
export function mapColumns(keys: readonly string[]): ColumnMap {
  const fields = new Map<Field, string>();
  const taken = new Set<string>();
  for (const field of FIELDS) {
    const aliases: readonly string[] = FIELD_ALIASES[field];
    const key =
      aliases.map((a) => keys.find((k) => k === a && !taken.has(k))).find((k) => k !== undefined) ??
      aliases.map((a) => keys.find((k) => norm(k) === a && !taken.has(k))).find((k) => k !== undefined);
    if (key !== undefined) {
      fields.set(field, key);
      taken.add(key);
    }
  }
  const extras: string[] = [];
  const shadowed: ColumnMap["shadowed"] = [];
  for (const key of keys) {
    if (taken.has(key)) continue;
    extras.push(key);
    const field = FIELDS.find((f) => (FIELD_ALIASES[f] as readonly string[]).includes(norm(key)));
    if (field) shadowed.push({ key, field, used: fields.get(field) ?? "" });
  }
  return { fields, extras, shadowed };
}
