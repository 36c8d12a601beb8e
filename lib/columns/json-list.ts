// A long list of values kept as the UTF-8 bytes of their JSON, for the header of a large dataset's columns
// (encode.ts): out of the JS heap, and, for text that is not Latin-1 (a label's dash, Arabic), about half the
// size of the strings. At 1M synthetic incidents the notes and ids as strings held ~210 MB of the heap, and
// the heap's growth left room for as much garbage again.

// @option CHUNK_BYTES: number = 1 MiB, the size of each buffer the values' bytes are written into (a larger value gets its own)
const CHUNK_BYTES = 1 << 20;

const UTF8 = new TextEncoder();
const UTF8_TEXT = new TextDecoder();

/** Values' JSON texts in order, each whole in one chunk; `piece` reads them back a slice at a time. */
export class JsonList {
  /** The chunks, the last one being filled. */
  private readonly chunks: Uint8Array[] = [];
  /** Where each chunk starts in the values' bytes taken end to end. */
  private readonly chunkStarts: number[] = [];
  private current = new Uint8Array(0);
  private used = 0;
  /** Value i's bytes are [starts[i], starts[i + 1]) of the values' bytes end to end. */
  private starts: Uint32Array;
  length = 0;

  /** `capacity`: at most how many values it will hold. */
  constructor(capacity: number) {
    this.starts = new Uint32Array(capacity + 1);
  }

  private get end(): number {
    return this.starts[this.length];
  }

  /** Adds JSON.stringify(value) (a JSON value: not undefined, nor a function). @throws RangeError past its capacity */
  push(value: unknown): void {
    if (this.length + 1 >= this.starts.length) throw new RangeError(`JsonList: more than its ${this.starts.length - 1} values`);
    const json = JSON.stringify(value);
    // JSON.stringify's text is well-formed UTF-16: at most three bytes a unit.
    if (this.used + 3 * json.length > this.current.length) {
      this.current = new Uint8Array(Math.max(CHUNK_BYTES, 3 * json.length));
      this.chunks.push(this.current);
      this.chunkStarts.push(this.end);
      this.used = 0;
    }
    const { written } = UTF8.encodeInto(json, this.current.subarray(this.used));
    const end = this.end + written;
    if (end > 0xffffffff) throw new RangeError("JsonList: more than 4 GiB of JSON");
    this.used += written;
    this.length++;
    this.starts[this.length] = end;
  }

  /** Value i's JSON as UTF-8 (a view, not a copy). */
  bytesOf(i: number): Uint8Array {
    const at = this.starts[i];
    // The last chunk starting at or before `at`.
    let lo = 0;
    let hi = this.chunkStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunkStarts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    const from = at - this.chunkStarts[lo];
    return this.chunks[lo].subarray(from, from + this.starts[i + 1] - at);
  }

  /** The values, parsed back. */
  values(): unknown[] {
    return Array.from({ length: this.length }, (_, i) => JSON.parse(UTF8_TEXT.decode(this.bytesOf(i))) as unknown);
  }

  /**
   * The list's JSON text as UTF-8, `items` values a piece (the first opens the list, the last closes it).
   * `edit` may replace a value's bytes with parts of its own.
   */
  *jsonPieces(items: number, edit: (i: number, bytes: Uint8Array) => Uint8Array[] = (_, bytes) => [bytes]): Generator<Uint8Array> {
    const n = this.length;
    if (n === 0) yield UTF8.encode("[]");
    for (let from = 0; from < n; from += items) {
      const to = Math.min(from + items, n);
      const parts: Uint8Array[] = [];
      for (let i = from; i < to; i++) parts.push(i === 0 ? OPEN : COMMA, ...edit(i, this.bytesOf(i)));
      if (to === n) parts.push(CLOSE);
      yield joined(parts);
    }
  }
}

const OPEN = UTF8.encode("[");
const COMMA = UTF8.encode(",");
const CLOSE = UTF8.encode("]");

function joined(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((size, p) => size + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
