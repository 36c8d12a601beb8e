// Incident columns from placed incidents (server side; the layout is in format.ts).
import type { IncidentGeometry } from "../incident";
import type { PlacedIncident } from "../place";
import { BYTES, DISTANCE_TO, isPrimitive, MAGIC, PREAMBLE_BYTES, VERSION, type Column, type Header, type Kind, type Primitive, type Section } from "./format";

// @option PLAIN_RATIO: number = 0.5
// A column whose distinct values exceed this share of its present values is stored plain: a dictionary
// would hold nearly every value anyway, plus its codes.
const PLAIN_RATIO = 0.5;

/**
 * Every property key, each new one placed right after the key that precedes it in the first incident that
 * has it: when incidents differ only in which optional keys they have, every incident's own order is kept.
 */
function keyOrder(placed: readonly PlacedIncident[]): string[] {
  const order: string[] = [];
  const known = new Set<string>();
  for (const p of placed) {
    let previous = -1;
    for (const k of Object.keys(p.feature.properties)) {
      if (!known.has(k)) {
        order.splice(previous + 1, 0, k);
        known.add(k);
      }
      previous = order.indexOf(k);
    }
  }
  return order;
}

/** The placed incidents as the columns' bytes (not yet gzipped). */
export function encodeColumns(placed: readonly PlacedIncident[]): Uint8Array<ArrayBuffer> {
  const n = placed.length;
  let dataBytes = 0;
  const sections: { section: Section; fill: (view: DataView, at: number) => void }[] = [];
  const section = (kind: Kind, length: number, write: (i: number) => number): Section => {
    const s: Section = { kind, offset: dataBytes, length };
    dataBytes += Math.ceil((length * BYTES[kind]) / 8) * 8;
    sections.push({
      section: s,
      fill: (view, at) => {
        for (let i = 0; i < length; i++) {
          const v = write(i);
          const o = at + s.offset + i * BYTES[kind];
          if (kind === "f64") view.setFloat64(o, v, true);
          else if (kind === "u32") view.setUint32(o, v, true);
          else if (kind === "u16") view.setUint16(o, v, true);
          else view.setUint8(o, v);
        }
      },
    });
    return s;
  };

  const geometries: [number, IncidentGeometry][] = [];
  const ids: [number, string | number][] = [];
  placed.forEach((p, i) => {
    if (p.feature.geometry.type !== "Point") geometries.push([i, p.feature.geometry]);
    if (p.feature.id !== undefined) ids.push([i, p.feature.id]);
  });
  const point = (i: number, axis: 0 | 1) => {
    const g = placed[i].feature.geometry;
    return g.type === "Point" ? g.coordinates[axis] : NaN;
  };
  const points = section("f64", 2 * n, (j) => point(j >> 1, (j & 1) as 0 | 1));
  const anchors = section("f64", 2 * n, (j) => placed[j >> 1].anchor[j & 1]);
  const km = section("f64", n, (i) => placed[i].distance.km);
  const to = section("u8", n, (i) => DISTANCE_TO.indexOf(placed[i].distance.to));

  const properties: Column[] = keyOrder(placed).map((key) => {
    const values = placed.map((p) => (Object.hasOwn(p.feature.properties, key) ? p.feature.properties[key] : undefined));
    const present = values.filter((v) => v !== undefined);
    const distinct = new Map<Primitive, number>();
    let dictionary = true;
    for (const v of present) {
      if (!isPrimitive(v)) {
        dictionary = false;
        break;
      }
      if (!distinct.has(v)) distinct.set(v, distinct.size + 1);
      if (distinct.size > PLAIN_RATIO * present.length && distinct.size > 255) {
        dictionary = false;
        break;
      }
    }
    if (!dictionary) return { key, codes: section("u8", n, (i) => (values[i] === undefined ? 0 : 1)), plain: present };
    const kind: Kind = distinct.size < 0xff ? "u8" : distinct.size < 0xffff ? "u16" : "u32";
    return { key, codes: section(kind, n, (i) => (values[i] === undefined ? 0 : distinct.get(values[i] as Primitive)!)), dict: [...distinct.keys()] };
  });

  const header: Header = { count: n, points, geometries, ids, anchors, km, to, labels: placed.map((p) => p.label), properties };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = Math.ceil((PREAMBLE_BYTES + headerBytes.length) / 8) * 8;
  const out = new Uint8Array(new ArrayBuffer(dataStart + dataBytes));
  const view = new DataView(out.buffer);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, PREAMBLE_BYTES);
  for (const s of sections) s.fill(view, dataStart);
  return out;
}
