// A GeoJSON file → candidates. The whole file is refused (ImportError) when it is too deep, not JSON, not
// a FeatureCollection, too long, empty, or declares a coordinate system other than WGS 84; otherwise each
// feature is checked on its own and a bad one is rejected with its index, field and value.
import type { BBox } from "../geo/bbox";
import { showValue } from "../incident/validate";
import { GEOMETRY_FIELDS, mapColumns, type ColumnMap, type Field } from "./columns";
import { ImportError } from "./errors";
import { checkGeometry } from "./geometry";
import { readJson } from "./json";
import { unsafeKeyReason } from "./keys";
import type { ImportLimits } from "./limits";
import { normaliseRow } from "./normalise";
import type { Candidate, RejectedRow } from "./types";
import type { WarningLog } from "./warnings";

export interface GeoJsonRead {
  total: number;
  candidates: Candidate[];
  rejected: RejectedRow[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

// Names under which GeoJSON 2008 files declared WGS 84 lon/lat. Any of them says no more than RFC 7946
// assumes, so the member is dropped with a warning; any other crs means the coordinates need reprojecting.
const WGS84_CRS_NAMES = new Set([
  "urn:ogc:def:crs:ogc:1.3:crs84",
  "urn:ogc:def:crs:ogc::crs84",
  "crs84",
  "epsg:4326",
  "urn:ogc:def:crs:epsg::4326",
  "http://www.opengis.net/def/crs/ogc/1.3/crs84",
]);

function isWgs84Crs(crs: unknown): boolean {
  if (!isObject(crs) || crs.type !== "name" || !isObject(crs.properties)) return false;
  const name = crs.properties.name;
  return typeof name === "string" && WGS84_CRS_NAMES.has(name.trim().toLowerCase());
}

export function readGeoJson(text: string, limits: ImportLimits, region: Readonly<BBox>, log: WarningLog): GeoJsonRead {
  const json = readJson(text, limits.maxJsonDepth);
  if (!json.ok) throw new ImportError("json", text.slice(0, 40), json.message);
  const root = json.value;
  if (!isObject(root) || root.type !== "FeatureCollection") {
    throw new ImportError("type", isObject(root) ? root.type : root, "the file must hold a GeoJSON FeatureCollection");
  }
  if (!Array.isArray(root.features)) throw new ImportError("features", root.features, "a FeatureCollection needs a features array");
  if ("crs" in root) {
    if (!isWgs84Crs(root.crs)) {
      throw new ImportError("crs", root.crs, "the file declares a coordinate system other than WGS 84; reproject it to longitude/latitude (EPSG:4326) and remove the crs member (RFC 7946)");
    }
    log.add(`the legacy crs member (${showValue(root.crs)}) was ignored: it names WGS 84, which RFC 7946 GeoJSON always uses`);
  }
  const features: unknown[] = root.features;
  if (features.length === 0) throw new ImportError("features", features, "the FeatureCollection has no features: nothing to import");
  if (features.length > limits.maxRows) {
    throw new ImportError("features", `${features.length} features`, `more than ${limits.maxRows} features; split the file`);
  }

  const candidates: Candidate[] = [];
  const rejected: RejectedRow[] = [];
  const columnCache = new Map<string, ColumnMap>();
  features.forEach((feature, row) => {
    const reject = (field: string, value: unknown, message: string) => rejected.push({ row, field, value: showValue(value), message });
    if (!isObject(feature)) return reject("feature", feature, "must be a GeoJSON Feature object");
    if (feature.type !== "Feature") return reject("type", feature.type, 'must be "Feature"');
    if ("crs" in feature) return reject("crs", feature.crs, "a crs member is not allowed (RFC 7946: WGS 84 longitude/latitude only)");
    const geometry = checkGeometry(feature.geometry);
    if (!geometry.ok) {
      const path = geometry.issue.path ? `geometry.${geometry.issue.path}` : "geometry";
      return rejected.push({ row, field: path, value: geometry.issue.value, message: geometry.issue.message });
    }

    const props = feature.properties ?? {};
    if (!isObject(props)) return reject("properties", props, "must be an object (or null)");
    // Own keys only: JSON.parse makes `"__proto__"` an own key, never the prototype; reserved names are dropped.
    const keys: string[] = [];
    for (const key of Object.keys(props)) {
      const reason = unsafeKeyReason(key);
      if (reason) log.add(`property ${showValue(key)} was dropped: ${reason}`, row);
      else keys.push(key);
    }
    if (keys.length > limits.maxColumns) return reject("properties", `${keys.length} properties`, `more than ${limits.maxColumns} properties`);
    const signature = keys.join("\u0000");
    let columns = columnCache.get(signature);
    if (!columns) {
      columns = mapColumns(keys);
      columnCache.set(signature, columns);
    }
    for (const s of columns.shadowed) log.add(`property ${showValue(s.key)} kept as an extra: "${s.used}" already gives ${s.field}`, row);
    for (const f of GEOMETRY_FIELDS) {
      const k = columns.fields.get(f);
      if (k !== undefined) log.add(`property ${showValue(k)} was ignored: the feature's geometry gives the position`, row);
    }

    const cols = columns;
    const get = (f: Field): unknown => {
      const k = cols.fields.get(f);
      if (k !== undefined) return props[k];
      // A GeoJSON feature's own id serves as event_id when the properties have none.
      if (f === "event_id" && (typeof feature.id === "string" || typeof feature.id === "number")) return feature.id;
      return undefined;
    };
    const result = normaliseRow({
      format: "geojson",
      get,
      keyOf: (f) => cols.fields.get(f) ?? (f === "event_id" && feature.id !== undefined ? "id" : f),
      extras: cols.extras.map((k) => [k, props[k]] as const),
    });
    if (!result.ok) return reject(result.problem.field, result.problem.value, result.problem.message);
    for (const w of result.row.warnings) log.add(w, row);
    candidates.push({ row, normalised: result.row, geometry: geometry.geometry, idField: cols.fields.get("event_id") ?? "event_id" });
  });
  return { total: features.length, candidates, rejected };
}
