// Incident columns from placed incidents (server side; the layout is in format.ts).
import type { Point } from "geojson";
import type { IncidentGeometry } from "../incident/model";
import type { PlacedIncident } from "../incident/place";
import { BYTES, DISTANCE_TO, LITTLE_ENDIAN, isPrimitive, MAGIC, PREAMBLE_BYTES, VERSION, type Column, type Header, type Kind, type Primitive, type Section, type TypedArray } from "./format";

// @option PLAIN_RATIO: number = 0.5
// A column whose distinct values exceed this share of its present values is stored plain: a dictionary
// would hold nearly every value anyway, plus its codes.
const PLAIN_RATIO = 0.5;

/**
 * Every property key, in an order that keeps each incident's own order whenever the incidents agree (they
 * differ only in which optional keys they have): the keys sorted so that each comes after the key before
 * it in any incident, ties going to the key seen first. Orders that disagree are broken at the key seen first.
 */
function keyOrder(placed: readonly PlacedIncident[]): string[] {
  const sequences = new Map<string, string[]>();
  for (const p of placed) {
    const keys = Object.keys(p.feature.properties);
    const signature = JSON.stringify(keys);
    if (!sequences.has(signature)) sequences.set(signature, keys);
  }
  const successors = new Map<string, Set<string>>();
  const before = new Map<string, number>(); // how many keys must come first
  for (const keys of sequences.values()) {
    keys.forEach((k, j) => {
      if (!successors.has(k)) {
        successors.set(k, new Set());
        before.set(k, 0);
      }
      const next = successors.get(keys[j - 1]);
      if (j > 0 && next && !next.has(k)) {
        next.add(k);
        before.set(k, before.get(k)! + 1);
      }
    });
  }
  const seen = [...successors.keys()];
  const order: string[] = [];
  const placedKeys = new Set<string>();
  while (order.length < seen.length) {
    const k = seen.find((x) => !placedKeys.has(x) && before.get(x) === 0) ?? seen.find((x) => !placedKeys.has(x))!;
    placedKeys.add(k);
    order.push(k);
    for (const m of successors.get(k)!) before.set(m, before.get(m)! - 1);
  }
  return order;
}

/** The placed incidents as the columns' bytes (not yet gzipped). */
export function encodeColumns(placed: readonly PlacedIncident[]): Uint8Array<ArrayBuffer> {
  if (!LITTLE_ENDIAN) throw new Error("encodeColumns: needs a little-endian machine (the sections are little-endian)");
  const n = placed.length;
  let dataBytes = 0;
  const sections: { section: Section; values: TypedArray }[] = [];
  const section = (kind: Kind, length: number, fill: (values: TypedArray) => void): Section => {
    const s: Section = { kind, offset: dataBytes, length };
    dataBytes += Math.ceil((length * BYTES[kind]) / 8) * 8;
    const values = kind === "f64" ? new Float64Array(length) : kind === "u32" ? new Uint32Array(length) : kind === "u16" ? new Uint16Array(length) : new Uint8Array(length);
    fill(values);
    sections.push({ section: s, values });
    return s;
  };

  const geometries: [number, IncidentGeometry][] = [];
  const ids: [number, string | number][] = [];
  // A point travels as two numbers when that is all it is; one with an altitude or a bbox goes whole.
  const plainPoint = (g: IncidentGeometry): g is Point => g.type === "Point" && g.coordinates.length === 2 && Object.keys(g).length === 2;
  placed.forEach((p, i) => {
    if (!plainPoint(p.feature.geometry)) geometries.push([i, p.feature.geometry]);
    if (p.feature.id !== undefined) ids.push([i, p.feature.id]);
  });
  const points = section("f64", 2 * n, (v) => {
    placed.forEach((p, i) => {
      const g = p.feature.geometry;
      v[2 * i] = plainPoint(g) ? g.coordinates[0] : NaN;
      v[2 * i + 1] = plainPoint(g) ? g.coordinates[1] : NaN;
    });
  });
  const anchors = section("f64", 2 * n, (v) => placed.forEach((p, i) => ((v[2 * i] = p.anchor[0]), (v[2 * i + 1] = p.anchor[1]))));
  const km = section("f64", n, (v) => placed.forEach((p, i) => (v[i] = p.distance.km)));
  const to = section("u8", n, (v) => placed.forEach((p, i) => (v[i] = DISTANCE_TO.indexOf(p.distance.to))));

  const properties: Column[] = keyOrder(placed).map((key) => {
    // Plain reads are several times faster than Object.hasOwn; only a key that objects inherit
    // ("constructor", "toString", …) could read something a feature does not have.
    const inherited = key in Object.prototype;
    const values = placed.map((p) => (!inherited || Object.hasOwn(p.feature.properties, key) ? p.feature.properties[key] : undefined));
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
    if (!dictionary) return { key, codes: section("u8", n, (v) => values.forEach((x, i) => (v[i] = x === undefined ? 0 : 1))), plain: present };
    const kind: Kind = distinct.size < 0xff ? "u8" : distinct.size < 0xffff ? "u16" : "u32";
    const codes = section(kind, n, (v) => values.forEach((x, i) => (v[i] = x === undefined ? 0 : distinct.get(x as Primitive)!)));
    return { key, codes, dict: [...distinct.keys()] };
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
  for (const { section: s, values } of sections) out.set(new Uint8Array(values.buffer), dataStart + s.offset);
  return out;
}
