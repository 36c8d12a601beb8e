import "server-only";
import { joinedBytes } from "./bytes";
// Rows of COPY's binary format read field by field from its whole output (the header, then per row an
// int16 field count and each field as an int32 length, -1 for null, and its bytes; a count of -1 ends it):
// a text or json column's bytes stay bytes, a number is read from its eight or four bytes.

const SIGNATURE = Uint8Array.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]);
const UTF8 = new TextDecoder();

/** Reads one statement's rows in order: next() at each row's start, then its fields in the SELECT's order. */
export class CopyRows {
  private readonly view: DataView;
  private at: number;
  private left = 0;

  /** @throws Error when `bytes` does not start as COPY's binary output */
  constructor(private readonly bytes: Uint8Array, private readonly fields: number) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < SIGNATURE.length + 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error("COPY's binary output: no PGCOPY signature");
    this.at = SIGNATURE.length + 8 + this.view.getInt32(SIGNATURE.length + 4);
  }

  /** Whether another row follows (its fields are read next). @throws Error when the output is cut short or a row's fields are not as many as the SELECT's */
  next(): boolean {
    if (this.left !== 0) throw new Error(`COPY's binary output: ${this.left} fields of a row left unread`);
    this.need(2);
    const count = this.view.getInt16(this.at);
    this.at += 2;
    if (count === -1) {
      if (this.at !== this.bytes.length) throw new Error(`COPY's binary output: ${this.bytes.length - this.at} bytes after its end`);
      return false;
    }
    if (count !== this.fields) throw new Error(`COPY's binary output: a row of ${count} fields (expected ${this.fields})`);
    this.left = count;
    return true;
  }

  /** The next field's bytes (a view, not a copy), or null. */
  bytesOrNull(): Uint8Array | null {
    if (this.left-- <= 0) throw new Error("COPY's binary output: a field read past its row's end");
    this.need(4);
    const length = this.view.getInt32(this.at);
    this.at += 4;
    if (length < 0) return null;
    this.need(length);
    const out = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }

  textOrNull(): string | null {
    const b = this.bytesOrNull();
    return b === null ? null : UTF8.decode(b);
  }

  /** An int4 or float8 field, by its length. */
  numberOrNull(): number | null {
    const b = this.bytesOrNull();
    if (b === null) return null;
    const at = b.byteOffset - this.bytes.byteOffset;
    if (b.length === 8) return this.view.getFloat64(at);
    if (b.length === 4) return this.view.getInt32(at);
    throw new Error(`COPY's binary output: a number of ${b.length} bytes`);
  }

  private need(n: number): void {
    if (this.at + n > this.bytes.length) throw new Error("COPY's binary output: cut short");
  }
}

/** A COPY's chunks as one buffer (one chunk is used as it is). */
export async function wholeCopy(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  if (parts.length === 1) return parts[0];
  return joinedBytes(parts);
}
