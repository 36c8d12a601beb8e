// GeoJSON features (a FeatureCollection, one Feature, a bare array of Features, or records that carry a
// `geometry`) → Source. Every feature's properties become columns (the union of keys in first-seen order,
// values kept as JSON values); the geometry is checked for its structure only, since where incidents are
// expected is the mapping step's judgement; a feature without one keeps geometry null.
import { showValue } from "../../incident/validate";
import { ImportError } from "../errors";
import { checkGeometry } from "../geometry";
import type { RejectedRow } from "../types";
import { countedBatches, firstRecords, type RowOutcome } from "./batch";
import { isObject, unionColumns, type JsonContext } from "./union";
import { SAMPLE_ROWS, type Source, type SourceFormat } from "./types";

// Names under which GeoJSON 2008 files declared WGS 84 lon/lat: saying no more than RFC 7946 assumes.
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

/** A file-level `crs`: WGS 84 is dropped with a warning, any other refuses the file. */
export function checkCrs(root: Record<string, unknown>, warnings: string[]): void {
  if (!("crs" in root)) return;
  if (!isWgs84Crs(root.crs)) {
    throw new ImportError("crs", root.crs, "the file declares a coordinate system other than WGS 84; reproject it to longitude/latitude (EPSG:4326) and remove the crs member (RFC 7946)");
  }
  warnings.push(`the legacy crs member (${showValue(root.crs)}) was ignored: it names WGS 84, which RFC 7946 GeoJSON always uses`);
}

// The feature's own id is a column when no property already has the name.
const ID_COLUMNS = ["id", "feature id"];

/** A feature's properties: `properties` for a Feature, else the record's own members less type/geometry. */
const isFeatureLike = (item: Record<string, unknown>) => item.type === "Feature" || "properties" in item;

function propertiesOf(item: Record<string, unknown>): unknown {
  if (isFeatureLike(item)) return item.properties ?? {};
  const own: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (k !== "geometry" && k !== "type") Object.defineProperty(own, k, { value: v, enumerable: true });
  return own;
}

/** The columns of a set of features: their properties' keys, and the feature id's column when any has one. */
export function featureColumns(items: Iterable<unknown>, maxColumns: number, warnings: string[]): { columns: string[]; idColumn?: string } {
  const props: unknown[] = [];
  let hasId = false;
  for (const item of items) {
    if (!isObject(item)) continue;
    props.push(propertiesOf(item));
    // A flat record's id is one of its fields already; a Feature's stands beside its properties.
    hasId ||= isFeatureLike(item) && (typeof item.id === "string" || typeof item.id === "number");
  }
  const union = unionColumns(props, maxColumns, warnings, "property");
  const idColumn = hasId ? ID_COLUMNS.find((name) => !union.includes(name)) : undefined;
  return idColumn ? { columns: [idColumn, ...union], idColumn } : { columns: union };
}

/** One feature (or GeoJSON-like record) → a record of its properties and its checked geometry, or a rejection. */
export function readFeature(item: unknown, row: number, columns: readonly string[], idColumn: string | undefined, strict: boolean, line?: number): RowOutcome {
  const at = line === undefined ? {} : { line };
  const reject = (field: string, value: unknown, message: string): RowOutcome => ({ rejected: { row, ...at, field, value: showValue(value), message } satisfies RejectedRow });
  if (!isObject(item)) return reject("feature", item, "must be a GeoJSON Feature object");
  if (strict && item.type !== "Feature") return reject("type", item.type, 'must be "Feature"');
  if ("crs" in item) return reject("crs", item.crs, "a crs member is not allowed (RFC 7946: WGS 84 longitude/latitude only)");
  const p = propertiesOf(item);
  if (!isObject(p)) return reject("properties", p, "must be an object (or null)");
  let geometry = null;
  if (item.geometry !== null && item.geometry !== undefined) {
    // Structure only: ranges, swaps and (0, 0) are the mapping's to read and flag. The issue's value is shown text already.
    const g = checkGeometry(item.geometry, { positions: false });
    if (!g.ok) return { rejected: { row, ...at, field: g.issue.path ? `geometry.${g.issue.path}` : "geometry", value: g.issue.value, message: g.issue.message } };
    geometry = g.geometry;
  }
  const id = isFeatureLike(item) && (typeof item.id === "string" || typeof item.id === "number") ? item.id : undefined;
  const values = columns.map((k) => (k === idColumn ? id : Object.prototype.hasOwnProperty.call(p, k) ? p[k] : undefined));
  return { record: { row, ...at, values, geometry } };
}

/** Says how many features have no geometry (they may still be placed from their columns). */
export function missingGeometryWarning(count: number): string[] {
  return count === 0 ? [] : [`${count} ${count === 1 ? "feature has" : "features have"} no geometry; they can still be placed by a coordinates or place column`];
}

export const lacksGeometry = (item: unknown) => isObject(item) && (item.geometry === null || item.geometry === undefined);

export function readFeatures(items: readonly unknown[], format: SourceFormat, ctx: JsonContext): Source {
  const warnings = [...ctx.warnings];
  const { columns, idColumn } = featureColumns(items, ctx.limits.maxColumns, warnings);
  warnings.push(...missingGeometryWarning(items.filter(lacksGeometry).length));
  const strict = format !== "json-records";
  function* rowOutcomes(): Generator<RowOutcome> {
    for (let i = 0; i < items.length; i++) yield readFeature(items[i], i + 1, columns, idColumn, strict);
  }
  return {
    format,
    fileName: ctx.fileName,
    byteLength: ctx.byteLength,
    encoding: ctx.encoding,
    columns,
    hasGeometry: true,
    totalHint: items.length,
    sample: firstRecords(rowOutcomes(), SAMPLE_ROWS),
    warnings,
    batches: () => countedBatches(rowOutcomes(), items.length),
  };
}
