// The columns' labels for a large dataset: describe.ts's numberedRepeats, kept as the UTF-8 bytes of their
// JSON (json-list.ts) rather than as strings. A label is "Place, 2021-08-26 — Type": the dash makes it a
// two-byte string in V8 (~160 bytes with its cons cells, ~60 as UTF-8), and numbering repeats with a Map of
// every label cost as much again (~300 MB at 1M incidents, against ~80 MB here).
import { JsonList } from "./json-list";

const UTF8 = new TextEncoder();

/** FNV-1a over bytes: 32 bits to sort by; equal labels always agree, and labels that collide are told apart by their bytes. */
export function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

/** What a repeat's JSON ends with, instead of its closing quote (ASCII: as many bytes as units). */
const numbered = (ordinal: number, total: number) => ` (${ordinal} of ${total})"`;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Labels added in the incidents' order, then numbered like numberedRepeats ("…, 2021-07-31 — Attack (2 of 3)")
 * and written as the JSON of that list of strings, in pieces. Equal labels are found by sorting their hashes,
 * not by a Map of all of them; the bytes decide (JSON.stringify is one-to-one, and its text has no lone surrogate).
 */
export class NumberedLabels {
  private readonly list: JsonList;
  private readonly hashOf: Uint32Array;
  /** Per label, how many share it and which of them it is (1-based), once counted. */
  private counted: { totalOf: Uint32Array; ordinalOf: Uint32Array } | null = null;

  constructor(
    readonly length: number,
    private readonly hash: (bytes: Uint8Array) => number = fnv1a,
  ) {
    this.list = new JsonList(length);
    this.hashOf = new Uint32Array(length);
  }

  /** The next label. @throws RangeError past `length` labels */
  add(label: string): void {
    const i = this.list.length;
    if (i >= this.length) throw new RangeError(`label ${i}: more labels than the ${this.length} expected`);
    this.list.push(label);
    this.hashOf[i] = this.hash(this.list.bytesOf(i));
  }

  /** Counts each label's repeats, once all are added. @throws RangeError when fewer than `length` were */
  private count(): { totalOf: Uint32Array; ordinalOf: Uint32Array } {
    if (this.counted) return this.counted;
    const n = this.length;
    if (this.list.length !== n) throw new RangeError(`labels: ${this.list.length} added, ${n} expected`);
    // Hash then index in one sortable number: labels of one hash come together, each group in the incidents' order.
    const order = new BigUint64Array(n);
    for (let i = 0; i < n; i++) order[i] = (BigInt(this.hashOf[i]) << 32n) | BigInt(i);
    order.sort();
    const totalOf = new Uint32Array(n);
    const ordinalOf = new Uint32Array(n);
    const group: number[] = [];
    for (let g = 0; g < n; ) {
      const h = order[g] >> 32n;
      group.length = 0;
      for (; g < n && order[g] >> 32n === h; g++) group.push(Number(order[g] & 0xffffffffn));
      // One hash, usually one label: split by bytes, each label's repeats numbered in order.
      const classes: number[][] = [];
      for (const i of group) {
        const same = group.length > 1 ? classes.find((c) => sameBytes(this.list.bytesOf(c[0]), this.list.bytesOf(i))) : undefined;
        if (same) same.push(i);
        else classes.push([i]);
      }
      for (const c of classes) c.forEach((i, k) => ((totalOf[i] = c.length), (ordinalOf[i] = k + 1)));
    }
    return (this.counted = { totalOf, ordinalOf });
  }

  /** The JSON text of the numbered labels' list, as UTF-8, `items` labels a piece. */
  jsonPieces(items: number): Generator<Uint8Array> {
    const { totalOf, ordinalOf } = this.count();
    // A repeat's number goes inside its closing quote; it needs no escaping.
    return this.list.jsonPieces(items, (i) => (totalOf[i] === 1 ? null : UTF8.encode(numbered(ordinalOf[i], totalOf[i]))));
  }

  /** The length of jsonPieces' bytes, not written. */
  jsonByteLength(): number {
    const { totalOf, ordinalOf } = this.count();
    let length = this.list.jsonByteLength();
    for (let i = 0; i < this.length; i++) if (totalOf[i] > 1) length += numbered(ordinalOf[i], totalOf[i]).length - 1;
    return length;
  }
}
