// How deeply JSON text nests arrays and objects, counted byte by byte as it arrives, and the limit on it.
import "server-only";

// @option MAX_JSON_DEPTH: number = 64 levels of arrays and objects; a GeoJSON MultiPolygon needs 4 inside its feature
export const MAX_JSON_DEPTH = 64;

/**
 * The deepest nesting of arrays and objects in JSON text (brackets inside strings do not count), read a
 * chunk at a time as a body arrives, so a large body's scan never blocks in one piece.
 */
export class Nesting {
  /** The deepest level so far (it stops counting past MAX_JSON_DEPTH). */
  deepest = 0;
  protected depth = 0;
  protected inString = false;
  protected escaped = false;

  push(bytes: Uint8Array): void {
    this.scan(bytes, 0, NaN);
  }

  /**
   * Counts from `from` until a byte leaves the text outside any string at depth `floor` (the end of a
   * string or of an array or object begun there): the index after that byte, or -1 when the bytes ran out
   * first or the count passed MAX_JSON_DEPTH.
   */
  protected scan(bytes: Uint8Array, from: number, floor: number): number {
    if (this.deepest > MAX_JSON_DEPTH) return -1;
    for (let i = from; i < bytes.length; i++) {
      const byte = bytes[i];
      if (this.escaped) this.escaped = false;
      else if (this.inString) {
        if (byte === 0x5c) this.escaped = true;
        else if (byte === 0x22) {
          this.inString = false;
          if (this.depth === floor) return i + 1;
        }
      } else if (byte === 0x22) this.inString = true;
      else if (byte === 0x5b || byte === 0x7b) {
        if (++this.depth > this.deepest && ++this.deepest > MAX_JSON_DEPTH) return -1;
      } else if (byte === 0x5d || byte === 0x7d) {
        if (--this.depth === floor) return i + 1;
      }
    }
    return -1;
  }
}

/** The deepest nesting of arrays and objects in JSON text (Nesting, whole), stopping past MAX_JSON_DEPTH. */
export function nesting(bytes: Uint8Array): number {
  const scan = new Nesting();
  scan.push(bytes);
  return scan.deepest;
}
