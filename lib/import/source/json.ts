// JSON text → the reader for its shape: GeoJSON (a FeatureCollection, one Feature, an array of Features),
// records that carry a `geometry` (GeoJSON-like), or plain records, bare or under `data`/`events`.
import { ImportError } from "../errors";
import { parseBoundedJson } from "../json";
import { checkCrs, readFeatures } from "./features";
import { readRecords } from "./records";
import type { Source } from "./types";
import { isObject, type JsonContext } from "./union";

// @option RECORD_WRAPPERS: string[] = ["data", "events", "records", "results"], members of a top-level object
// whose array is read as the records (ACLED's API answers `{ "data": [...] }`).
const RECORD_WRAPPERS = ["data", "events", "records", "results"];

const isFeature = (v: unknown) => isObject(v) && v.type === "Feature";
const hasGeometry = (v: unknown) => isObject(v) && "geometry" in v;

export function readJsonSource(text: string, ctx: JsonContext): Source {
  const json = parseBoundedJson(text, ctx.limits.maxJsonDepth);
  if (!json.ok) throw new ImportError("json", text.slice(0, 40), json.message);
  const root = json.value;
  const warnings = [...ctx.warnings];
  let items: unknown[];
  let wrapper: string | undefined;
  if (isObject(root) && root.type === "FeatureCollection") {
    if (!Array.isArray(root.features)) throw new ImportError("features", root.features, "a FeatureCollection needs a features array");
    checkCrs(root, warnings);
    items = root.features;
  } else if (isObject(root) && root.type === "Feature") {
    items = [root];
  } else if (Array.isArray(root)) {
    items = root;
  } else if (isObject(root) && (wrapper = RECORD_WRAPPERS.find((k) => Array.isArray(root[k]))) !== undefined) {
    items = root[wrapper] as unknown[];
    warnings.push(`the records were read from the file's "${wrapper}" member`);
  } else {
    throw new ImportError("json", isObject(root) ? Object.keys(root).slice(0, 8) : root, "the file must hold GeoJSON (a FeatureCollection, a Feature or an array of Features) or an array of records");
  }
  if (items.length === 0) throw new ImportError("features", items, "the file holds no features or records: nothing to import");
  if (items.length > ctx.limits.maxRows) throw new ImportError("features", `${items.length} features`, `more than ${ctx.limits.maxRows} features; split the file`);
  const next = { ...ctx, warnings };
  const geojson = isObject(root) && (root.type === "FeatureCollection" || root.type === "Feature");
  // An array is GeoJSON when its first object is a Feature, GeoJSON-like when it carries a geometry.
  const first = items.find(isObject);
  if (geojson || isFeature(first)) return readFeatures(items, "geojson", next);
  if (hasGeometry(first)) return readFeatures(items, "json-records", next);
  return readRecords(items, next);
}
