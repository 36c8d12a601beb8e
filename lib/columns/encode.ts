// Incident columns from placed incidents (server side; the layout is in format.ts).
import type { Point } from "geojson";
import type { IncidentGeometry } from "../incident/model";
import type { PlacedIncident } from "../incident/place";
import { JsonList } from "./json-list";
import { NumberedLabels } from "./numbered-labels";
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
 * present values in order. Codes start as bytes and widen only when the dictionary outgrows them. Made for
 * `n` incidents, or (n null) for as many as come, its codes growing with them: then whether it is a
 * dictionary is decided at finish, on all the values, which is where the known `n`'s early decision ends too.
 */
class ColumnValues {
  codes: Uint8Array | Uint16Array | Uint32Array;
  /** Distinct values → code (1-based) while the column may still be a dictionary; null once it is plain. */
  private distinct: Map<Primitive, number> | null = new Map();
  private dict: Primitive[] = [];
  /** The present values in order once the column is plain: as they are, or as their JSON's bytes. */
  plain: unknown[] | JsonList | null = null;
  present = 0;
  /** The last value given a code, and its code: files repeat a value row after row (a country, a region, a
   *  day), and a comparison costs less than the dictionary's lookup. */
  private lastValue: unknown = undefined;
  private lastCode = 0;
  /** A dictionary with more codes than this goes plain as soon as it has them (over half of all incidents). */
  private readonly mostCodes: number;
  constructor(
    private readonly n: number | null,
    private readonly plainJson: boolean,
  ) {
    this.codes = new Uint8Array(n ?? GROWING_FIRST);
    this.mostCodes = n === null ? Infinity : PLAIN_RATIO * n;
  }

  add(i: number, v: unknown): void {
    if (v === undefined) return;
    if (i >= this.codes.length) this.widen(new (this.codes.constructor as new (n: number) => TypedArray)(2 * this.codes.length) as Uint8Array);
    this.present++;
    if (this.distinct !== null) {
      if (v === this.lastValue) {
        this.codes[i] = this.lastCode;
        return;
      }
      if (isPrimitive(v)) {
        let code = this.distinct.get(v);
        if (code === undefined) {
          code = this.dict.push(v);
          this.distinct.set(v, code);
          if (code === 0xff || code === 0xffff) this.widen(code === 0xff ? new Uint16Array(this.codes.length) : new Uint32Array(this.codes.length));
        }
        // More distinct values than half of all incidents: more than half of the present ones, whatever follows.
        if (code <= this.mostCodes || code <= 255) {
          this.codes[i] = code;
          this.lastValue = v;
          this.lastCode = code;
          return;
        }
      }
      this.toPlain(i);
    }
    this.codes[i] = 1;
    this.plain!.push(v);
  }

  private widen(to: Uint8Array | Uint16Array | Uint32Array): void {
    to.set(this.codes);
    this.codes = to;
  }

  /** The values so far (incidents before `upTo`) as a plain list, codes become 1 = present. */
  private toPlain(upTo: number): void {
    const plain: unknown[] | JsonList = this.plainJson ? new JsonList(this.n ?? upTo) : [];
    const codes = this.codes;
    const narrow = new Uint8Array(codes.length);
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
   *  and over 255 values would hold nearly every value anyway); `count`: the incidents there are. */
  finish(count: number): { kind: Kind; codes: TypedArray; dict?: Primitive[]; plain?: unknown[] | JsonList } {
    if (count > this.codes.length) this.widen(new (this.codes.constructor as new (n: number) => TypedArray)(count) as Uint8Array);
    if (this.distinct !== null && this.dict.length > PLAIN_RATIO * this.present && this.dict.length > 255) this.toPlain(count);
    const codes = this.codes.length === count ? this.codes : this.codes.subarray(0, count);
    if (this.plain !== null) return { kind: "u8", codes, plain: this.plain };
    const size = this.dict.length;
    const kind: Kind = size < 0xff ? "u8" : size < 0xffff ? "u16" : "u32";
    return { kind, codes, dict: this.dict };
  }
}

/** A column whose values may be set after they are added, and never repeat (an import's event_ids: ids.ts
 *  gives a row without one its id once every id of the file is claimed), encoded at finish: as ColumnValues
 *  would, for values that never repeat: a dictionary of up to 255, else plain. */
class LateValues {
  private readonly values: unknown[] = [];
  constructor(private readonly plainJson: boolean) {}
  add(i: number, v: unknown): void {
    this.values[i] = v;
  }
  set(i: number, v: unknown): void {
    this.values[i] = v;
  }
  finish(count: number): ReturnType<ColumnValues["finish"]> {
    let present = 0;
    for (let i = 0; i < count; i++) if (this.values[i] !== undefined) present++;
    if (present <= 255 || this.plainJson) {
      const column = new ColumnValues(count, this.plainJson);
      for (let i = 0; i < count; i++) column.add(i, this.values[i]);
      return column.finish(count);
    }
    const codes = new Uint8Array(count);
    const plain: unknown[] = [];
    for (let i = 0; i < count; i++) {
      if (this.values[i] === undefined) continue;
      codes[i] = 1;
      plain.push(this.values[i]);
    }
    return { kind: "u8", codes, plain };
  }
}

// @option GROWING_FIRST: number = 1024, incidents a growing encoder's arrays first hold (each doubles when full).
const GROWING_FIRST = 1024;

/** A key order met so far, reached key by key from the empty order; `columns` set once an incident has it. */
interface KeyNode {
  next: Map<string, KeyNode>;
  columns: (ColumnValues | LateValues)[] | null;
}

/** Every property as a column, filled incident by incident (`add` in the incidents' order). */
class PropertyColumns {
  private readonly columns = new Map<string, ColumnValues | LateValues>();
  private readonly sequences: string[][] = [];
  private readonly root: KeyNode = { next: new Map(), columns: null };
  private lastKeys: string[] = [];
  private lastColumns: (ColumnValues | LateValues)[] = [];
  constructor(
    private readonly n: number | null,
    private readonly plainJson: boolean,
    private readonly lateKey: string | undefined,
  ) {}

  /** The late key's value of incident `i`, which must have the key. */
  setLate(i: number, v: unknown): void {
    (this.columns.get(this.lateKey!) as LateValues).set(i, v);
  }

  add(i: number, props: PlacedIncident["feature"]["properties"]): void {
    // Most incidents have the keys of the one before, in its order: each value goes to its column as the keys
    // are walked, with no arrays of keys and values made per incident; the first key out of step (or missing)
    // sends the rest down the tree of key orders by name, which reads own keys only (for…in lists an inherited
    // one, such as a polluted prototype's, after every own one).
    const keys = this.lastKeys;
    const at = this.lastColumns;
    let j = 0;
    for (const k in props) {
      if (j < keys.length && k === keys[j]) {
        at[j].add(i, props[k]);
        j++;
      } else return this.addByName(i, props, j);
    }
    if (j !== keys.length) this.addByName(i, props, j);
  }

  /** Incident `i`'s values from its `from`th key on, its key order found in the tree (or added to it) by name;
   *  the keys before `from` are the last order's, their values added already. */
  private addByName(i: number, props: PlacedIncident["feature"]["properties"], from: number): void {
    const keys = Object.keys(props);
    const values = Object.values(props);
    let node = this.root;
    for (const k of keys) {
      let child = node.next.get(k);
      if (!child) node.next.set(k, (child = { next: new Map(), columns: null }));
      node = child;
    }
    if (node.columns === null) {
      this.sequences.push(keys);
      node.columns = keys.map((k) => {
        let column = this.columns.get(k);
        if (!column) this.columns.set(k, (column = k === this.lateKey ? new LateValues(this.plainJson) : new ColumnValues(this.n, this.plainJson)));
        return column;
      });
    }
    const at = node.columns;
    this.lastKeys = keys;
    this.lastColumns = at;
    for (let j = from; j < keys.length; j++) at[j].add(i, values[j]);
  }

  /** The columns in keyOrder. */
  ordered(): Map<string, ColumnValues | LateValues> {
    const ordered = new Map<string, ColumnValues | LateValues>();
    for (const key of keyOrder(this.sequences)) ordered.set(key, this.columns.get(key)!);
    return ordered;
  }
}

/** The header as layout makes it: the labels as given, a plain column's values maybe as a JsonList. */
type LaidOut<L> = Omit<Header, "labels" | "properties"> & { labels: L; properties: (Omit<Column, "plain"> & { plain?: unknown[] | JsonList })[] };

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
  const encoder = new ColumnsEncoder(placed.length);
  for (const p of placed) encoder.add(p);
  return encoder.finish(placed.map((p) => p.label));
}

/** UTF-8 bytes of `s` (a lone surrogate becomes U+FFFD's three, as TextEncoder writes it), counted without encoding it. */
function utf8Length(s: string): number {
  let bytes = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c <= 0xdbff && c >= 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a pair: four bytes for two units
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/**
 * incidentColumns an incident at a time: `add` each in order (all `n` of them, or with n null as many as
 * come), then `finish` with their labels. A caller that reads its incidents in pages holds one page of them,
 * not all (the server's build of a 1M-incident dataset: lib/server/dataset-columns.ts); one that makes them
 * as it reads a file holds none (the import worker).
 */
export interface EncoderOptions {
  /** Keeps a plain column's values as their JSON's bytes (json-list.ts), out of the heap, for `pieces`; finish parses them back. Needs `n`. */
  plainJson?: boolean;
  /** A property whose value may be set after the incident is added (setLate), and is never the same twice. */
  lateKey?: string;
}

export class ColumnsEncoder {
  private added = 0;
  private readonly geometries: [number, IncidentGeometry][] = [];
  private readonly ids: [number, string | number][] = [];
  private points: Float64Array;
  private anchors: Float64Array;
  private km: Float64Array;
  private to: Uint8Array;
  private readonly properties: PropertyColumns;

  constructor(
    private readonly n: number | null,
    { plainJson = false, lateKey }: EncoderOptions = {},
  ) {
    if (!LITTLE_ENDIAN) throw new Error("encodeColumns: needs a little-endian machine (the sections are little-endian)");
    if (n === null && plainJson) throw new Error("ColumnsEncoder: plainJson needs the number of incidents");
    const room = n ?? GROWING_FIRST;
    this.points = new Float64Array(2 * room);
    this.anchors = new Float64Array(2 * room);
    this.km = new Float64Array(room);
    this.to = new Uint8Array(room);
    this.properties = new PropertyColumns(n, plainJson, lateKey);
  }

  /** The incidents added so far. */
  get count(): number {
    return this.added;
  }

  /** Twice the room for incidents (a growing encoder's). */
  private grow(): void {
    const more = <T extends Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(2 * a.length);
      b.set(a);
      return b;
    };
    [this.points, this.anchors, this.km, this.to] = [more(this.points), more(this.anchors), more(this.km), more(this.to)];
  }

  /** The next incident; its label comes with finish (it depends on the others'). @throws RangeError past `n` incidents */
  add(p: Omit<PlacedIncident, "label">): void {
    const i = this.added;
    if (this.n !== null && i >= this.n) throw new RangeError(`incident ${i}: more incidents than the ${this.n} the columns were made for`);
    if (i >= this.km.length) this.grow();
    const g = p.feature.geometry;
    if (plainPoint(g)) {
      this.points[2 * i] = g.coordinates[0];
      this.points[2 * i + 1] = g.coordinates[1];
    } else {
      this.points[2 * i] = this.points[2 * i + 1] = NaN;
      this.geometries.push([i, g]);
    }
    if (p.feature.id !== undefined) this.ids.push([i, p.feature.id]);
    this.anchors[2 * i] = p.anchor[0];
    this.anchors[2 * i + 1] = p.anchor[1];
    this.km[i] = p.distance.km;
    this.to[i] = DISTANCE_TO.indexOf(p.distance.to);
    this.properties.add(i, p.feature.properties);
    this.added++;
  }

  /** Incident `i`'s value of the late key (EncoderOptions.lateKey), in place of the one it was added with. */
  setLate(i: number, value: unknown): void {
    if (i >= this.added) throw new RangeError(`incident ${i}: only ${this.added} added`);
    this.properties.setLate(i, value);
  }

  /** The marker anchors of the incidents added so far, [lng, lat] each. */
  anchorPositions(): [number, number][] {
    const out = new Array<[number, number]>(this.added);
    for (let i = 0; i < this.added; i++) out[i] = [this.anchors[2 * i], this.anchors[2 * i + 1]];
    return out;
  }

  /** The columns, `labels` in the incidents' order. @throws RangeError when not all `n` incidents were added, or the labels are not as many */
  finish(labels: string[]): IncidentColumns {
    return withHeaderBytes(this.finishWithoutBytes(labels));
  }

  /** finish's columns with the sections only in their buffer (dataStart 0): what the page builds incidents from,
   *  made without writing the header's JSON (at 100k imported incidents 17 MB of it), which withHeaderBytes adds. */
  finishWithoutBytes(labels: string[]): IncidentColumns {
    const { header: laidOut, sections, dataBytes } = this.layout(labels);
    const properties = laidOut.properties.map(({ plain, ...c }): Column => (plain === undefined ? c : { ...c, plain: plain instanceof JsonList ? plain.values() : plain }));
    const header: Header = { ...laidOut, properties };
    const out = new Uint8Array(new ArrayBuffer(dataBytes));
    for (const { section: s, values } of sections) out.set(bytesOf(values), s.offset);
    return { header, buffer: out.buffer, dataStart: 0 };
  }

  /**
   * finish's bytes in order, never joined and the header's JSON never one string (at 1M incidents the
   * output is ~270 MB, the JSON ~200 MB and its making three times that): the header a few lists' slices of
   * `items` values at a time (written twice: its length goes before it), then each section. The labels may
   * come as NumberedLabels, numbered here: their bytes, not strings (a large dataset's build).
   * @throws RangeError as finish does
   */
  *pieces(labels: string[] | NumberedLabels, items: number = PIECE_ITEMS): Generator<Uint8Array> {
    const { header, sections, dataBytes } = this.layout(labels);
    let headerLength = 0;
    for (const text of jsonPieces(header, items)) headerLength += typeof text === "string" ? utf8Length(text) : text.jsonByteLength();
    const dataStart = Math.ceil((PREAMBLE_BYTES + headerLength) / 8) * 8;
    yield preamble(headerLength);
    const utf8 = new TextEncoder();
    for (const text of jsonPieces(header, items)) {
      if (typeof text === "string") yield utf8.encode(text);
      else yield* text.jsonPieces(items);
    }
    let at = PREAMBLE_BYTES + headerLength;
    for (const { section: s, values } of sections) {
      if (dataStart + s.offset > at) yield new Uint8Array(dataStart + s.offset - at);
      const bytes = bytesOf(values);
      yield bytes;
      at = dataStart + s.offset + bytes.length;
    }
    if (dataStart + dataBytes > at) yield new Uint8Array(dataStart + dataBytes - at);
  }

  /** The header and where each section goes in the data. */
  private layout<L extends { length: number }>(labels: L): { header: LaidOut<L>; sections: { section: Section; values: TypedArray }[]; dataBytes: number } {
    const n = this.n ?? this.added;
    if (this.added !== n) throw new RangeError(`incidents: ${this.added} added, ${n} expected`);
    if (labels.length !== n) throw new RangeError(`labels: ${labels.length}, ${n} expected`);
    let dataBytes = 0;
    const sections: { section: Section; values: TypedArray }[] = [];
    const section = (kind: Kind, values: TypedArray): Section => {
      const s: Section = { kind, offset: dataBytes, length: values.length };
      dataBytes += Math.ceil((values.byteLength) / 8) * 8;
      sections.push({ section: s, values });
      return s;
    };
    const upTo = <T extends TypedArray>(a: T, length: number): T => (a.length === length ? a : (a.subarray(0, length) as T));
    const pointsAt = section("f64", upTo(this.points, 2 * n)), anchorsAt = section("f64", upTo(this.anchors, 2 * n)), kmAt = section("f64", upTo(this.km, n)), toAt = section("u8", upTo(this.to, n));

    const properties = [...this.properties.ordered()].map(([key, values]) => {
      const { kind, codes, dict, plain } = values.finish(n);
      const s = section(kind, codes);
      return dict ? { key, codes: s, dict } : { key, codes: s, plain };
    });

    const header = { count: n, points: pointsAt, geometries: this.geometries, ids: this.ids, anchors: anchorsAt, km: kmAt, to: toAt, labels, properties };
    return { header, sections, dataBytes };
  }
}

// @option PIECE_ITEMS: number = 10000, values of a long list of the header written per piece (ColumnsEncoder.pieces)
const PIECE_ITEMS = 10_000;

const isContainer = (v: unknown): v is object => v !== null && typeof v === "object";

/**
 * JSON.stringify(value)'s text in pieces, for plain data (no toJSON): a list of more than `items` values
 * a slice at a time, and the objects and lists that hold such lists walked into, member by member; a
 * JsonList or NumberedLabels comes as itself, to be written as its own UTF-8 bytes (or only measured).
 */
function* jsonPieces(value: unknown, items: number): Generator<string | JsonList | NumberedLabels> {
  if (value instanceof NumberedLabels || value instanceof JsonList) {
    yield value;
    return;
  }
  if (Array.isArray(value)) {
    if (value.length > items) {
      yield "[";
      for (let i = 0; i < value.length; i += items) yield (i > 0 ? "," : "") + JSON.stringify(value.slice(i, i + items)).slice(1, -1);
      yield "]";
    } else if (!value.some(isContainer)) yield JSON.stringify(value);
    else {
      yield "[";
      for (let i = 0; i < value.length; i++) {
        if (i > 0) yield ",";
        yield* isContainer(value[i]) ? jsonPieces(value[i], items) : [JSON.stringify(value[i]) ?? "null"];
      }
      yield "]";
    }
    return;
  }
  if (!isContainer(value)) {
    yield JSON.stringify(value);
    return;
  }
  yield "{";
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined || typeof member === "function" || typeof member === "symbol") continue;
    yield `${first ? "" : ","}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(member, items);
  }
  yield "}";
}

/** The columns as their format's bytes (format.ts): the preamble, the header's JSON, the sections of `c`. */
export function withHeaderBytes(c: IncidentColumns): IncidentColumns {
  const json = JSON.stringify(c.header);
  const headerLength = utf8Length(json);
  const dataStart = Math.ceil((PREAMBLE_BYTES + headerLength) / 8) * 8;
  const dataBytes = c.buffer.byteLength - c.dataStart;
  const out = new Uint8Array(new ArrayBuffer(dataStart + dataBytes));
  out.set(preamble(headerLength));
  // The header's text goes straight into the output: at 1M incidents it is ~200 MB, and an encoded copy of
  // it beside the output would be as much again.
  new TextEncoder().encodeInto(json, out.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + headerLength));
  out.set(new Uint8Array(c.buffer, c.dataStart, dataBytes), dataStart);
  return { header: c.header, buffer: out.buffer, dataStart };
}

/** The magic, the version and the header's length. */
function preamble(headerLength: number): Uint8Array {
  const out = new Uint8Array(PREAMBLE_BYTES);
  const view = new DataView(out.buffer);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, headerLength, true);
  return out;
}

const bytesOf = (values: TypedArray) => new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
