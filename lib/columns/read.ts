// Reading incident columns (in the load worker): every byte the header points to, every code and every
// value is checked before anything is built, so a damaged or hostile body fails with the field and value.
import { collectionShapeIssues, featureIdIssue, GeoJSONValidationError, incidentGeometryIssue, propertyIssue, REQUIRED_PROPERTIES, showValue, type ValidationIssue } from "../incident/shape";
import { BYTES, DISTANCE_TO, LITTLE_ENDIAN, isPrimitive, MAGIC, PREAMBLE_BYTES, VERSION, view, type Column, type Header, type IncidentColumns, type Kind, type Section } from "./format";

export class ColumnsError extends Error {
  constructor(message: string) {
    super(`incident columns: ${message}`);
    this.name = "ColumnsError";
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads and checks the (inflated) bytes. Throws ColumnsError when the layout is broken, and
 * GeoJSONValidationError naming every incident value that breaks a rule of lib/incident/shape.ts (no geojson-validation: it would
 * put the library in the page's first load; every geometry here passed it when it was saved or imported).
 */
export function readColumns(buffer: ArrayBuffer): IncidentColumns {
  if (!LITTLE_ENDIAN) throw new ColumnsError("this machine is big-endian; the columns are little-endian");
  const bytes = new Uint8Array(buffer);
  if (bytes.length < PREAMBLE_BYTES || String.fromCharCode(...bytes.subarray(0, 4)) !== MAGIC) {
    throw new ColumnsError(`not an incident-columns body (starts ${showValue(String.fromCharCode(...bytes.subarray(0, 4)))})`);
  }
  const dv = new DataView(buffer);
  const version = dv.getUint32(4, true);
  if (version !== VERSION) throw new ColumnsError(`version ${version} is not the supported ${VERSION}`);
  const headerLength = dv.getUint32(8, true);
  if (PREAMBLE_BYTES + headerLength > bytes.length) throw new ColumnsError(`header length ${headerLength} runs past the body (${bytes.length} bytes)`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + headerLength)));
  } catch (err) {
    throw new ColumnsError(`header is not valid UTF-8 JSON (${(err as Error).message})`);
  }
  return checkColumns({ header: header as Header, buffer, dataStart: Math.ceil((PREAMBLE_BYTES + headerLength) / 8) * 8 });
}

/** Checks columns whose header is already an object (encode.ts's own, in the worker that made them) as
 *  readColumns checks read bytes: the same throws. */
export function checkColumns(c: IncidentColumns): IncidentColumns {
  checkLayout(c);
  const issues = valueIssues(c);
  if (issues.length) throw new GeoJSONValidationError(issues, "incident columns");
  return c;
}

function checkLayout(c: IncidentColumns): void {
  const h = c.header as unknown;
  if (!isObject(h)) throw new ColumnsError("header must be an object");
  const n = h.count;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) throw new ColumnsError(`count must be a whole number ≥ 0 (value: ${showValue(n)})`);
  const section = (name: string, s: unknown, kinds: readonly Kind[], length: number) => {
    if (!isObject(s) || !kinds.includes(s.kind as Kind) || !Number.isInteger(s.offset) || (s.offset as number) < 0 || (s.offset as number) % 8 !== 0 || s.length !== length) {
      throw new ColumnsError(`${name}: must be a section of ${length} ${kinds.join("/")} at an offset that is a multiple of 8 (value: ${showValue(s)})`);
    }
    const end = c.dataStart + (s.offset as number) + length * BYTES[s.kind as Kind];
    if (end > c.buffer.byteLength) throw new ColumnsError(`${name}: runs to byte ${end}, past the body's ${c.buffer.byteLength}`);
  };
  section("points", h.points, ["f64"], 2 * n);
  section("anchors", h.anchors, ["f64"], 2 * n);
  section("km", h.km, ["f64"], n);
  section("to", h.to, ["u8"], n);
  const pairs = (name: string, v: unknown) => {
    if (!Array.isArray(v) || !v.every((e) => Array.isArray(e) && e.length === 2 && Number.isInteger(e[0]) && e[0] >= 0 && e[0] < n)) {
      throw new ColumnsError(`${name}: must be a list of [incident index, value] pairs`);
    }
    const seen = new Set<number>();
    for (const [i] of v as [number, unknown][]) {
      if (seen.has(i)) throw new ColumnsError(`${name}: incident ${i} is given twice`);
      seen.add(i);
    }
  };
  pairs("geometries", h.geometries);
  pairs("ids", h.ids);
  if (!Array.isArray(h.labels) || h.labels.length !== n || !h.labels.every((l) => typeof l === "string" && l.length > 0)) {
    throw new ColumnsError(`labels: must be ${n} non-empty strings`);
  }
  if (!Array.isArray(h.properties)) throw new ColumnsError("properties: must be a list of columns");
  const keys = new Set<string>();
  h.properties.forEach((col: unknown, k) => {
    if (!isObject(col) || typeof col.key !== "string") throw new ColumnsError(`properties[${k}]: must be a column with a key`);
    const key = col.key;
    // "__proto__" is a key like any other here: buildPlaced defines it as an own property.
    if (keys.has(key)) throw new ColumnsError(`properties[${k}].key: ${showValue(key)} is repeated`);
    keys.add(key);
    const isDict = Array.isArray(col.dict), isPlain = Array.isArray(col.plain);
    if (isDict === isPlain) throw new ColumnsError(`properties.${key}: must have exactly one of dict and plain`);
    section(`properties.${key}.codes`, col.codes, isDict ? ["u8", "u16", "u32"] : ["u8"], n);
    const codes = view(c, col.codes as Section);
    const limit = isDict ? (col.dict as unknown[]).length : 1;
    let present = 0;
    for (let i = 0; i < n; i++) {
      if (codes[i] > limit) throw new ColumnsError(`properties.${key}: incident ${i} has code ${codes[i]}, beyond the ${limit} values`);
      if (codes[i]) present++;
    }
    if (isDict && !(col.dict as unknown[]).every(isPrimitive)) throw new ColumnsError(`properties.${key}.dict: values must be strings, numbers, booleans or null`);
    if (isPlain && (col.plain as unknown[]).length !== present) {
      throw new ColumnsError(`properties.${key}.plain: has ${(col.plain as unknown[]).length} values for ${present} incidents that have the field`);
    }
  });
}

/** Every incident value that breaks a rule, checked once per distinct value where values repeat. */
function valueIssues(c: IncidentColumns): ValidationIssue[] {
  const h = c.header;
  const n = h.count;
  const issues: ValidationIssue[] = [];
  const path = (i: number, key: string) => `features[${i}].properties.${key}`;
  const columns = new Map(h.properties.map((col) => [col.key, col]));

  for (const key of REQUIRED_PROPERTIES) {
    if (!columns.has(key)) {
      if (n > 0) issues.push({ path: path(0, key), value: "undefined", message: propertyIssue(key, undefined) ?? "is required" });
      continue;
    }
    const codes = view(c, columns.get(key)!.codes);
    for (let i = 0; i < n && issues.length < 100; i++) {
      if (!codes[i]) issues.push({ path: path(i, key), value: "undefined", message: propertyIssue(key, undefined) ?? "is required" });
    }
  }
  for (const col of h.properties) {
    const codes = view(c, col.codes);
    if (col.dict) {
      const bad = col.dict.map((v) => propertyIssue(col.key, v));
      if (!bad.some((b) => b !== null)) continue;
      for (let i = 0; i < n && issues.length < 100; i++) {
        const b = codes[i] ? bad[codes[i] - 1] : null;
        if (b) issues.push({ path: path(i, col.key), value: showValue(col.dict[codes[i] - 1]), message: b });
      }
    } else {
      let next = 0;
      for (let i = 0; i < n && issues.length < 100; i++) {
        if (!codes[i]) continue;
        const v = col.plain![next++];
        const b = propertyIssue(col.key, v);
        if (b) issues.push({ path: path(i, col.key), value: showValue(v), message: b });
      }
    }
  }
  if (issues.length || n === 0) return issues;

  // Ids unique, ranges in order: per incident, on the values just checked.
  const ids = values(c, columns.get("event_id")!) as string[];
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    const first = seen.get(id);
    if (first !== undefined) issues.push({ path: path(i, "event_id"), value: showValue(id), message: `duplicates the id of features[${first}]` });
    else seen.set(id, i);
  });
  const end = columns.get("event_date_end");
  if (end) {
    const starts = values(c, columns.get("event_date")!);
    values(c, end).forEach((e, i) => {
      if (typeof e === "string" && typeof starts[i] === "string" && e < (starts[i] as string)) {
        issues.push({ path: path(i, "event_date_end"), value: showValue(e), message: "must not be before event_date" });
      }
    });
  }

  // Positions: points in range, the rest (lines, areas, points with more than lng, lat) given whole.
  const points = view(c, h.points) as Float64Array;
  const other = new Set(h.geometries.map(([i]) => i));
  for (let i = 0; i < n && issues.length < 100; i++) {
    const lng = points[2 * i], lat = points[2 * i + 1];
    if (Number.isNaN(lng) && Number.isNaN(lat) && other.has(i)) continue;
    if (other.has(i)) issues.push({ path: `features[${i}].geometry`, value: showValue([lng, lat]), message: "has both a point and another geometry" });
    else if (!Number.isFinite(lng) || !Number.isFinite(lat) || lng < -180 || lng > 180 || lat < -90 || lat > 90) {
      issues.push({ path: `features[${i}].geometry.coordinates`, value: showValue([lng, lat]), message: "must be a longitude within -180..180 and a latitude within -90..90" });
    }
  }
  // Only geometries nested as their type says go on to the structural checks, which recurse.
  const shaped: [number, unknown][] = [];
  for (const [i, g] of h.geometries) {
    const issue = incidentGeometryIssue(g);
    if (issue) issues.push({ path: `features[${i}].geometry`, value: showValue(g), message: issue });
    else shaped.push([i, g]);
  }
  const structural = collectionShapeIssues({ type: "FeatureCollection", features: shaped.map(([, geometry]) => ({ type: "Feature", geometry, properties: {} })) });
  for (const s of structural) issues.push({ ...s, path: s.path.replace(/^features\[(\d+)\]/, (_, k: string) => `features[${shaped[Number(k)][0]}]`) });
  for (const [i, id] of h.ids) {
    const issue = featureIdIssue(id);
    if (issue) issues.push({ path: `features[${i}].id`, value: showValue(id), message: issue });
  }
  const anchors = view(c, h.anchors) as Float64Array, km = view(c, h.km) as Float64Array, to = view(c, h.to);
  for (let i = 0; i < n && issues.length < 100; i++) {
    const [lng, lat] = [anchors[2 * i], anchors[2 * i + 1]];
    if (!(lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90)) issues.push({ path: `anchors[${i}]`, value: showValue([lng, lat]), message: "must be a longitude within -180..180 and a latitude within -90..90" });
    if (!(km[i] >= 0) || !Number.isFinite(km[i])) issues.push({ path: `km[${i}]`, value: showValue(km[i]), message: "must be a finite number ≥ 0" });
    if (to[i] >= DISTANCE_TO.length) issues.push({ path: `to[${i}]`, value: showValue(to[i]), message: `must be below ${DISTANCE_TO.length}` });
  }
  return issues;
}

/** One column's value per incident (undefined where absent). */
function values(c: IncidentColumns, col: Column): unknown[] {
  const codes = view(c, col.codes);
  const out = new Array<unknown>(c.header.count);
  let next = 0;
  for (let i = 0; i < out.length; i++) out[i] = codes[i] === 0 ? undefined : col.dict ? col.dict[codes[i] - 1] : col.plain![next++];
  return out;
}

