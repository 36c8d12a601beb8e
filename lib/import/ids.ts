// Event ids settled across the whole file: an exact repeat (same id, same cells) is dropped and counted; the
// same id with different cells, or an id already on the map, is kept under a suffixed id (`ID-2`) and flagged.
// A readable row is never lost to its id.
import type { RowFlag } from "./flags";

export type IdOutcome = { kind: "kept"; id: string } | { kind: "repeat"; firstRow: number } | { kind: "renamed"; id: string; flag: RowFlag };

// cyrb53: a fast, well-mixed hash for telling texts apart (not for secrets), on two local numbers: it runs on
// every cell of every row, and Chromium ran a class's version at ~12 ns a character (12 % of a 100k import's
// scan), where locals take a few.
const SEED1 = 0xdeadbeef, SEED2 = 0x41c6ce57;

/** cyrb53's final mixing of its two running numbers into its two 32-bit halves. */
function halves(h1: number, h2: number): [number, number] {
  const m1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  const m2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(m1 ^ (m1 >>> 13), 3266489909);
  return [m1, m2];
}

/** cyrb53's two 32-bit halves of a string. */
export function cyrb53(text: string): [number, number] {
  let h1 = SEED1;
  let h2 = SEED2;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  return halves(h1, h2);
}

// Tags that keep a text cell, another value and a geometry apart in a record's hash.
const TEXT = 1, VALUE = 2, GEOMETRY = 3;

/**
 * What a record holds, as one 53-bit number: its cells and (features) its geometry. Rows are compared by
 * it, not kept whole, since a file may have a million; text cells are hashed as they are, without a JSON
 * text of the row: cyrb53 of the cells' tags and texts, each text preceded by its length.
 */
export function contentOf(values: readonly unknown[], geometry?: unknown): number {
  let h1 = SEED1;
  let h2 = SEED2;
  for (let k = 0; k <= values.length; k++) {
    let tag: number;
    let text: string;
    if (k < values.length) {
      const v = values[k];
      tag = typeof v === "string" ? TEXT : VALUE;
      text = typeof v === "string" ? v : (JSON.stringify(v) ?? "null");
    } else if (geometry !== undefined) {
      tag = GEOMETRY;
      text = JSON.stringify(geometry);
    } else break;
    // The tag, then the text preceded by its length, so that a sequence of texts has one reading.
    h1 = Math.imul(h1 ^ tag, 2654435761);
    h2 = Math.imul(h2 ^ tag, 1597334677);
    const length = text.length;
    h1 = Math.imul(h1 ^ (length & 0xffff), 2654435761);
    h2 = Math.imul(h2 ^ (length & 0xffff), 1597334677);
    h1 = Math.imul(h1 ^ (length >>> 16), 2654435761);
    h2 = Math.imul(h2 ^ (length >>> 16), 1597334677);
    for (let i = 0; i < length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
  }
  const [m1, m2] = halves(h1, h2);
  return 4294967296 * (2097151 & m2) + (m1 >>> 0);
}

export class IdLedger {
  /** Ids claimFree gave out (generated, or a file's id suffixed), with the row that has each. */
  private readonly claimed = new Map<string, number>();
  /** The file's ids as written → their entry in the arrays below: the first row that wrote each, its content,
   *  and the row the id was given to as written (-1: none yet). One Map and three arrays of numbers, not a Map
   *  per fact: a million ids would be five Maps of a million entries, and the contents boxed numbers. */
  private readonly entryOf = new Map<string, number>();
  private readonly firstRow: number[] = [];
  private readonly firstContent: number[] = [];
  private readonly givenTo: number[] = [];
  /** An id the file writes with several contents → the rows that wrote each, by content. */
  private readonly moreOf = new Map<string, Map<number, number>>();
  /** Rows without an id, by content: the first row holding each. */
  private readonly unnamed = new Map<number, number>();

  constructor(private readonly existing: ReadonlySet<string>) {}

  /** The row `id` was given to, by settle or claimFree, or undefined. */
  private rowOf(id: string): number | undefined {
    const entry = this.entryOf.get(id);
    if (entry !== undefined && this.givenTo[entry] >= 0) return this.givenTo[entry];
    return this.claimed.get(id);
  }

  taken(id: string): boolean {
    return this.existing.has(id) || this.rowOf(id) !== undefined;
  }

  /** `base`, else `base-2`, `base-3`… the first id neither the map nor the file has; claimed for `row`. */
  claimFree(base: string, row: number): string {
    let id = base;
    for (let n = 2; this.taken(id); n++) id = `${base}-${n}`;
    this.claimed.set(id, row);
    return id;
  }

  /** A row without an id: the earlier id-less row holding exactly the same cells, else null (and it is remembered). */
  repeatOf(content: number, row: number): number | null {
    const first = this.unnamed.get(content);
    if (first !== undefined) return first;
    this.unnamed.set(content, row);
    return null;
  }

  /** Settles the file's id of `row` (its cells hashed as `content`); `field` names the id column. */
  settle(id: string, content: number, row: number, field: string): IdOutcome {
    let entry = this.entryOf.get(id);
    if (entry === undefined) {
      entry = this.firstRow.length;
      this.entryOf.set(id, entry);
      this.firstRow.push(row);
      this.firstContent.push(content);
      this.givenTo.push(-1);
    } else {
      if (this.firstContent[entry] === content) return { kind: "repeat", firstRow: this.firstRow[entry] };
      let more = this.moreOf.get(id);
      const same = more?.get(content);
      if (same !== undefined) return { kind: "repeat", firstRow: same };
      if (!more) this.moreOf.set(id, (more = new Map()));
      more.set(content, row);
    }
    // Not given to a row yet, on the map or claimed (claimFree never claims an id given here, nor the reverse).
    if (this.givenTo[entry] < 0 && !this.existing.has(id) && !this.claimed.has(id)) {
      this.givenTo[entry] = row;
      return { kind: "kept", id };
    }
    const why = this.existing.has(id) ? "is already used by an incident on the map (the dataset or an earlier import)" : `is also row ${this.rowOf(id)}'s id, with different content`;
    const next = this.claimFree(id, row);
    return { kind: "renamed", id: next, flag: { kind: "id-renamed", field, value: id, message: `${why}; imported as ${next}` } };
  }
}
