// COPY's binary output of one column stripped to the fields' bytes joined by commas, on the store's thread
// (postgres-thread.mjs, embedded-thread.mjs): the server's thread gets bytes ready to send, and its time
// goes to answers. Plain JavaScript: Node starts the threads as they are.

// COPY's binary format: this signature, flags (int32), a header extension's length (int32) and the extension.
const SIGNATURE = Uint8Array.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]);
const HEADER = SIGNATURE.length + 8;
const COMMA = 0x2c;

/**
 * Reads COPY's binary output of one non-null column, chunk by chunk, into the fields' bytes joined by
 * commas (each tuple: int16 field count, int32 length, the bytes; a count of -1 ends it).
 */
export class CopyFields {
  /** Fields read so far. */
  rows = 0;
  #pending = new Uint8Array(0);
  #left = 0;
  /** @type {"header" | "tuples" | "done"} */
  #state = "header";
  #leadingComma;

  /** `leadingComma`: a comma before the first field too (the fields continue a list). */
  constructor(leadingComma = false) {
    this.#leadingComma = leadingComma;
  }

  /** This chunk's fields' bytes, with their commas (the part of a frame the chunk cuts waits for the next). */
  push(chunk) {
    const buf = this.#pending.length ? concat(this.#pending, chunk) : chunk;
    this.#pending = new Uint8Array(0);
    // A frame (6 bytes) becomes at most a comma: the output is never longer than the input.
    const out = new Uint8Array(buf.length);
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let at = 0;
    let o = 0;
    while (at < buf.length) {
      if (this.#left > 0) {
        const n = Math.min(this.#left, buf.length - at);
        out.set(buf.subarray(at, at + n), o);
        at += n;
        o += n;
        this.#left -= n;
        continue;
      }
      const room = buf.length - at;
      if (this.#state === "done") throw new Error(`COPY's binary output: ${room} bytes after its end`);
      if (this.#state === "header") {
        if (room < HEADER || room < HEADER + view.getInt32(at + HEADER - 4)) break;
        if (SIGNATURE.some((b, i) => buf[at + i] !== b)) throw new Error("COPY's binary output: no PGCOPY signature");
        at += HEADER + view.getInt32(at + HEADER - 4);
        this.#state = "tuples";
        continue;
      }
      if (room < 2) break;
      const fields = view.getInt16(at);
      if (fields === -1) {
        at += 2;
        this.#state = "done";
        continue;
      }
      if (fields !== 1) throw new Error(`COPY's binary output: a row of ${fields} fields (expected 1)`);
      if (room < 6) break;
      const length = view.getInt32(at + 2);
      if (length < 0) throw new Error(`COPY's binary output: row ${this.rows} is null`);
      at += 6;
      if (this.rows++ > 0 || this.#leadingComma) out[o++] = COMMA;
      this.#left = length;
    }
    if (at < buf.length) this.#pending = buf.slice(at);
    return out.subarray(0, o);
  }

  /** @throws Error when the output ended before its trailer */
  end() {
    if (this.#state !== "done" || this.#left > 0 || this.#pending.length > 0) throw new Error(`COPY's binary output: cut short after ${this.rows} rows`);
  }
}

function concat(a, b) {
  const both = new Uint8Array(a.length + b.length);
  both.set(a);
  both.set(b, a.length);
  return both;
}

/**
 * A whole COPY output's fields, as a store's thread answers a "copyFields" request: the bytes' own buffer
 * (to move, not copy), their length and the row count.
 * @throws Error when the output is not one column's whole binary COPY
 */
export function copiedFields(copy, leadingComma) {
  const fields = new CopyFields(leadingComma);
  const bytes = fields.push(copy);
  fields.end();
  return { buffer: bytes.buffer, length: bytes.length, rows: fields.rows };
}
