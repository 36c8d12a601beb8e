// Incident columns from placed incidents (server side; the layout is in format.ts).
import type { Point } from "geojson";
import type { IncidentGeometry } from "../incident/model";
import type { PlacedIncident } from "../incident/place";
import { DISTANCE_TO, LITTLE_ENDIAN, isPrimitive, MAGIC, PREAMBLE_BYTES, VERSION, type Column, type Header, type IncidentColumns, type Kind, type Primitive, type Section, type TypedArray } from "./format";

// @option PLAIN_RATIO: number = 0.5
// A column whose distinct values exceed this share of its present values is stored plain: a dictionary
// would hold nearly every value anyway, plus its codes.
const PLAIN_RATIO = 0.5;

/**
 * Every property key, in an order that keeps each incident's own order whenever the incidents agree (they
 * differ only in which optional keys they have): the keys sorted so that each comes after the key before
 * it in any incident, ties going to the key seen first. Orders that disagree are broken at the key seen first.
 * `sequences` holds each distinct key order once, in the order first met.
 */
function keyOrder(sequences: Iterable<readonly string[]>): string[] {
  const successors = new Map<string, Set<string>>();
  const before = new Map<string, number>(); // how many keys must come first
  for (const keys of sequences) {
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

/**
 * One property's values, met incident by incident: dictionary codes while its values repeat, else the
 * present values in order. Codes start as bytes and widen only when the dictionary outgrows them.
 */
class ColumnValues {
  codes: Uint8Array | Uint16Array | Uint32Array;
  /** Distinct values → code (1-based) while the column may still be a dictionary; null once it is plain. */
  private distinct: Map<Primitive, number> | null = new Map();
  private dict: Primitive[] = [];
  plain: unknown[] | null = null;
  present = 0;
  constructor(private readonly n: number) {
    this.codes = new Uint8Array(n);
  }

  add(i: number, v: unknown): void {
    if (v === undefined) return;
    this.present++;
    if (this.distinct !== null) {
      if (isPrimitive(v)) {
        let code = this.distinct.get(v);
        if (code === undefined) {
          code = this.dict.push(v);
          this.distinct.set(v, code);
          if (code === 0xff || code === 0xffff) this.widen(code === 0xff ? new Uint16Array(this.n) : new Uint32Array(this.n));
        }
        // More distinct values than half of all incidents: more than half of the present ones, whatever follows.
        if (code <= PLAIN_RATIO * this.n || code <= 255) {
          this.codes[i] = code;
          return;
        }
      }
      this.toPlain(i);
    }
    this.codes[i] = 1;
    this.plain!.push(v);
  }

  private widen(to: Uint16Array | Uint32Array): void {
    to.set(this.codes);
    this.codes = to;
  }

  /** The values so far (incidents before `upTo`) as a plain list, codes become 1 = present. */
  private toPlain(upTo: number): void {
    const plain: unknown[] = [];
    const codes = this.codes;
    const narrow = new Uint8Array(this.n);
    for (let i = 0; i < upTo; i++) {
      if (codes[i] === 0) continue;
      plain.push(this.dict[codes[i] - 1]);
      narrow[i] = 1;
    }
    this.codes = narrow;
    this.plain = plain;
    this.distinct = null;
    this.dict = [];
  }

  /** Dictionary or plain, decided on all the values (a dictionary that holds more than PLAIN_RATIO of them
   *  and over 255 values would hold nearly every value anyway). */
  finish(): { kind: Kind; codes: TypedArray; dict?: Primitive[]; plain?: unknown[] } {
    if (this.distinct !== null && this.dict.length > PLAIN_RATIO * this.present && this.dict.length > 255) this.toPlain(this.n);
    if (this.plain !== null) return { kind: "u8", codes: this.codes, plain: this.plain };
    const size = this.dict.length;
    const kind: Kind = size < 0xff ? "u8" : size < 0xffff ? "u16" : "u32";
    return { kind, codes: this.codes, dict: this.dict };
  }
}

/** A key order met so far, reached key by key from the empty order; `columns` set once an incident has it. */
interface KeyNode {
  next: Map<string, KeyNode>;
  columns: ColumnValues[] | null;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return false;
  return true;
}

/** Every property of `placed` as a column, in one pass over the incidents. */
function propertyColumns(placed: readonly PlacedIncident[]): Map<string, ColumnValues> {
  const n = placed.length;
  const columns = new Map<string, ColumnValues>();
  const sequences: string[][] = [];
  const root: KeyNode = { next: new Map(), columns: null };
  let lastKeys: string[] = [];
  let lastColumns: ColumnValues[] = [];
  for (let i = 0; i < n; i++) {
    const props = placed[i].feature.properties;
    // Own keys and values only, in the same order: an inherited name ("constructor") is never read.
    const keys = Object.keys(props);
    const values = Object.values(props);
    // Most incidents have the keys of the one before: compared in place, not walked down the tree by name.
    let at = lastColumns;
    if (!sameKeys(keys, lastKeys)) {
      let node = root;
      for (const k of keys) {
        let child = node.next.get(k);
        if (!child) node.next.set(k, (child = { next: new Map(), columns: null }));
        node = child;
      }
      if (node.columns === null) {
        sequences.push(keys);
        node.columns = keys.map((k) => {
          let column = columns.get(k);
          if (!column) columns.set(k, (column = new ColumnValues(n)));
          return column;
        });
      }
      at = node.columns;
      lastKeys = keys;
      lastColumns = at;
    }
    for (let j = 0; j < keys.length; j++) at[j].add(i, values[j]);
  }
  const ordered = new Map<string, ColumnValues>();
  for (const key of keyOrder(sequences)) ordered.set(key, columns.get(key)!);
  return ordered;
}

/** A point travels as two numbers when that is all it is; one with an altitude, a bbox or other members goes whole. */
function plainPoint(g: IncidentGeometry): g is Point {
  if (g.type !== "Point" || g.coordinates.length !== 2) return false;
  // Counted without Object.keys' array: this runs once per incident.
  let members = 0;
  for (const key in g) if (key) members++;
  return members === 2;
}

/** The placed incidents as the columns' bytes (not yet gzipped). */
export const encodeColumns = (placed: readonly PlacedIncident[]): Uint8Array<ArrayBuffer> => new Uint8Array(incidentColumns(placed).buffer);

/** The placed incidents as columns: the bytes, and the header they hold as an object (not read back from its JSON). */
export function incidentColumns(placed: readonly PlacedIncident[]): IncidentColumns {
  if (!LITTLE_ENDIAN) throw new Error("encodeColumns: needs a little-endian machine (the sections are little-endian)");
  const n = placed.length;
  let dataBytes = 0;
  const sections: { section: Section; values: TypedArray }[] = [];
  const section = (kind: Kind, values: TypedArray): Section => {
    const s: Section = { kind, offset: dataBytes, length: values.length };
    dataBytes += Math.ceil((values.byteLength) / 8) * 8;
    sections.push({ section: s, values });
    return s;
  };

  const geometries: [number, IncidentGeometry][] = [];
  const ids: [number, string | number][] = [];
  const points = new Float64Array(2 * n), anchors = new Float64Array(2 * n), km = new Float64Array(n), to = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = placed[i];
    const g = p.feature.geometry;
    if (plainPoint(g)) {
      points[2 * i] = g.coordinates[0];
      points[2 * i + 1] = g.coordinates[1];
    } else {
      points[2 * i] = points[2 * i + 1] = NaN;
      geometries.push([i, g]);
    }
    if (p.feature.id !== undefined) ids.push([i, p.feature.id]);
    anchors[2 * i] = p.anchor[0];
    anchors[2 * i + 1] = p.anchor[1];
    km[i] = p.distance.km;
    to[i] = DISTANCE_TO.indexOf(p.distance.to);
  }
  const pointsAt = section("f64", points), anchorsAt = section("f64", anchors), kmAt = section("f64", km), toAt = section("u8", to);

  const properties: Column[] = [...propertyColumns(placed)].map(([key, values]) => {
    const { kind, codes, dict, plain } = values.finish();
    const s = section(kind, codes);
    return dict ? { key, codes: s, dict } : { key, codes: s, plain };
  });

  const header: Header = { count: n, points: pointsAt, geometries, ids, anchors: anchorsAt, km: kmAt, to: toAt, labels: placed.map((p) => p.label), properties };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = Math.ceil((PREAMBLE_BYTES + headerBytes.length) / 8) * 8;
  const out = new Uint8Array(new ArrayBuffer(dataStart + dataBytes));
  const view = new DataView(out.buffer);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, PREAMBLE_BYTES);
  for (const { section: s, values } of sections) out.set(new Uint8Array(values.buffer), dataStart + s.offset);
  return { header, buffer: out.buffer, dataStart };
}
