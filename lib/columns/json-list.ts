// A long list of values kept as the UTF-8 bytes of their JSON, for the header of a large dataset's columns
// (encode.ts): out of the JS heap, and, for text that is not Latin-1 (a label's dash, Arabic), about half the
// size of the strings. At 1M synthetic incidents the notes and ids as strings held ~210 MB of the heap, and
// the heap's growth left room for as much garbage again.

// @option CHUNK_BYTES: number = 1 MiB, the size of each buffer the values' bytes are written into (a larger value gets its own)
const CHUNK_BYTES = 1 << 20;

const UTF8 = new TextEncoder();
const UTF8_TEXT = new TextDecoder();

/**
 * Values' JSON texts in order, each followed by a comma and whole in one chunk, so that the list's JSON is
 * the chunks' bytes as they are (views, not copies) but for its brackets and its last comma.
 */
export class JsonList {
  /** The chunks, the last one being filled. */
  private readonly chunks: Uint8Array[] = [];
  /** Where each chunk starts in the values' bytes taken end to end. */
  private readonly chunkStarts: number[] = [];
  private current = new Uint8Array(0);
  private used = 0;
  /** Value i's JSON and its comma are [starts[i], starts[i + 1]) of the values' bytes end to end. */
  private readonly starts: Uint32Array;
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
    // JSON.stringify's text is well-formed UTF-16: at most three bytes a unit, and the comma.
    if (this.used + 3 * json.length + 1 > this.current.length) {
      this.current = new Uint8Array(Math.max(CHUNK_BYTES, 3 * json.length + 1));
      this.chunks.push(this.current);
      this.chunkStarts.push(this.end);
      this.used = 0;
    }
    const { written } = UTF8.encodeInto(json, this.current.subarray(this.used));
    const end = this.end + written + 1;
    if (end > 0xffffffff) throw new RangeError("JsonList: more than 4 GiB of JSON");
    this.current[this.used + written] = COMMA;
    this.used += written + 1;
    this.length++;
    this.starts[this.length] = end;
  }

  /** The chunk holding byte `at` of the values' bytes end to end. */
  private chunkOf(at: number): number {
    let lo = 0;
    let hi = this.chunkStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunkStarts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Bytes [from, to) of chunk k, counted end to end. */
  private view(k: number, from: number, to: number): Uint8Array {
    return this.chunks[k].subarray(from - this.chunkStarts[k], to - this.chunkStarts[k]);
  }

  /** Value i's JSON as UTF-8 (a view, not a copy). */
  bytesOf(i: number): Uint8Array {
    return this.view(this.chunkOf(this.starts[i]), this.starts[i], this.starts[i + 1] - 1);
  }

  /** The values, parsed back. */
  values(): unknown[] {
    return Array.from({ length: this.length }, (_, i) => JSON.parse(UTF8_TEXT.decode(this.bytesOf(i))) as unknown);
  }

  /** The length of jsonPieces' bytes without suffixes, not written. */
  jsonByteLength(): number {
    return this.length === 0 ? 2 : this.end + 1; // the last comma out, the brackets in
  }

  /**
   * The list's JSON text as UTF-8: views of the chunks, at most `items` values each, and the brackets.
   * `suffixOf` may give a value bytes that take the place of its last byte (a string's closing quote).
   */
  *jsonPieces(items: number, suffixOf: (i: number) => Uint8Array | null = () => null): Generator<Uint8Array> {
    const n = this.length;
    if (n === 0) {
      yield UTF8.encode("[]");
      return;
    }
    yield UTF8.encode("[");
    let k = 0;
    let from = 0; // the first byte not yet given
    let count = 0;
    for (let i = 0; i < n; i++) {
      const start = this.starts[i];
      if (k + 1 < this.chunks.length && start >= this.chunkStarts[k + 1]) {
        if (start > from) yield this.view(k, from, start);
        k = this.chunkOf(start);
        from = start;
        count = 0;
      }
      const end = this.starts[i + 1] - 1; // its comma
      const suffix = suffixOf(i);
      if (suffix) {
        yield this.view(k, from, end - 1);
        yield suffix;
        from = end;
      }
      if (i === n - 1) {
        if (end > from) yield this.view(k, from, end);
      } else if (++count >= items) {
        yield this.view(k, from, end + 1);
        from = end + 1;
        count = 0;
      }
    }
    yield UTF8.encode("]");
  }
}

const COMMA = 0x2c;
