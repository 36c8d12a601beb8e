// Placed incidents from checked incident columns (on the page, in one pass: no parsing, no Turf).
import type { Position } from "geojson";
import type { IncidentFeature, IncidentGeometry, IncidentProperties } from "../incident/model";
import type { PlacedIncident } from "../incident/place";
import { DISTANCE_TO, view, type IncidentColumns } from "./format";

/** The placed incidents the columns hold (call on checked columns: readColumns). */
export function buildPlaced(c: IncidentColumns): PlacedIncident[] {
  const out = new Array<PlacedIncident>(c.header.count);
  placedBuilder(c)(0, out.length, out);
  return out;
}

// @option SLICE_MS: number = 40, longest stretch buildPlacedInSlices builds before giving the page's thread
// back (a count of rows would not do: one slice of 20,000 took 200–650 ms on a loaded machine).
const SLICE_MS = 40;
// @option CHECK_EVERY: number = 1000, incidents built between two looks at the clock.
const CHECK_EVERY = 1000;

/** buildPlaced in slices of about `sliceMs` (the clock read every `checkEvery` incidents) with the page's
 *  thread given back between them, so that a million incidents never hold it in one long task. */
export async function buildPlacedInSlices(c: IncidentColumns, sliceMs: number = SLICE_MS, checkEvery: number = CHECK_EVERY): Promise<PlacedIncident[]> {
  const out = new Array<PlacedIncident>(c.header.count);
  const build = placedBuilder(c);
  let started = performance.now();
  for (let from = 0; from < out.length; from += checkEvery) {
    if (performance.now() - started >= sliceMs) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      started = performance.now();
    }
    build(from, Math.min(out.length, from + checkEvery), out);
  }
  return out;
}

/** The incidents with one pattern of present columns, below `absent`/`present` the patterns that go on. */
interface Shape {
  absent?: Shape;
  present?: Shape;
  /** A properties object with this pattern's keys in column order, made once. */
  template?: Record<string, unknown>;
}

// An own "__proto__" (JSON.parse makes one) must not become the object's prototype.
const define = (o: Record<string, unknown>, key: string, value: unknown) => Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });

/** Builds incidents [from, to) into `out`; slices must come in order (a plain column is read in sequence). */
function placedBuilder(c: IncidentColumns): (from: number, to: number, out: PlacedIncident[]) => void {
  const h = c.header;
  const cols = h.properties.map((col) => ({ key: col.key, codes: view(c, col.codes), dict: col.dict, plain: col.plain, next: 0 }));
  const points = view(c, h.points) as Float64Array, anchors = view(c, h.anchors) as Float64Array;
  const km = view(c, h.km) as Float64Array, toIndex = view(c, h.to);
  const geometries = new Map(h.geometries);
  const ids = new Map(h.ids);
  const shapes: Shape = {};
  const values: unknown[] = new Array(cols.length);
  return (from, to, out) => {
    for (let i = from; i < to; i++) {
      // The incident's values, and its pattern of present columns.
      let shape = shapes;
      for (let k = 0; k < cols.length; k++) {
        const col = cols[k];
        const code = col.codes[i];
        if (!code) {
          shape = shape.absent ??= {};
          continue;
        }
        values[k] = col.dict ? col.dict[code - 1] : col.plain![col.next++];
        shape = shape.present ??= {};
      }
      // Each incident's properties are a copy of its pattern's template (V8 keeps the copy's fast layout;
      // keys added one by one to a new object would leave it a slow dictionary).
      if (!shape.template) {
        const template: Record<string, unknown> = {};
        for (let k = 0; k < cols.length; k++) if (cols[k].codes[i]) define(template, cols[k].key, values[k]);
        shape.template = template;
      }
      const properties: Record<string, unknown> = { ...shape.template };
      for (let k = 0; k < cols.length; k++) {
        if (!cols[k].codes[i]) continue;
        const key = cols[k].key;
        if (key === "__proto__") define(properties, key, values[k]);
        else properties[key] = values[k];
      }
      const point: Position | null = geometries.has(i) ? null : [points[2 * i], points[2 * i + 1]];
      const geometry: IncidentGeometry = point ? { type: "Point", coordinates: point } : geometries.get(i)!;
      const id = ids.get(i);
      const feature: IncidentFeature = id === undefined
        ? { type: "Feature", geometry, properties: properties as IncidentProperties }
        : { type: "Feature", id, geometry, properties: properties as IncidentProperties };
      // A point's marker stands on it (lib/incident/anchor.ts): share the array, as placeIncidents does.
      const onPoint = geometry.type === "Point" && geometry.coordinates[0] === anchors[2 * i] && geometry.coordinates[1] === anchors[2 * i + 1];
      const anchor = onPoint ? geometry.coordinates : [anchors[2 * i], anchors[2 * i + 1]];
      out[i] = { feature, anchor, label: h.labels[i], distance: { km: km[i], to: DISTANCE_TO[toIndex[i]] } };
    }
  };
}
