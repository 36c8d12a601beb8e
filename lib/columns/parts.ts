// A header's long lists (labels, plain values, geometries, ids) in parts, for a postMessage in pieces: the page
// reads a message in one task, and a million incidents' strings read at once held it for over half a second.
import type { Header } from "./format";

/** Up to PART_VALUES values of one of the header's lists, by its place in `lists` order. */
export interface HeaderPart {
  list: number;
  values: unknown[];
}

// @option PART_VALUES: number = 5000, values per part (a few milliseconds to read on the page; parts of 20,000
// took 150-500 ms each to read, garbage collection included, on a loaded machine at 100k incidents).
export const PART_VALUES = 5_000;

/** The header's long lists in a fixed order: labels, geometries, ids, then each plain column's values. */
function lists(h: Header): unknown[][] {
  const out: unknown[][] = [h.labels, h.geometries, h.ids];
  for (const col of h.properties) if (col.plain) out.push(col.plain);
  return out;
}

/** The header with its long lists emptied, and their values in parts, in order. */
export function splitHeader(h: Header, size: number = PART_VALUES): { skeleton: Header; parts: HeaderPart[] } {
  const parts: HeaderPart[] = [];
  lists(h).forEach((values, list) => {
    for (let at = 0; at < values.length; at += size) parts.push({ list, values: values.slice(at, at + size) });
  });
  const skeleton: Header = {
    ...h,
    labels: [],
    geometries: [],
    ids: [],
    properties: h.properties.map((col) => (col.plain ? { ...col, plain: [] } : col)),
  };
  return { skeleton, parts };
}

/** Gathers parts as they arrive, then fills a skeleton with them (it must be the skeleton they were split from). */
export class HeaderParts {
  private readonly gathered: unknown[][] = [];

  add(part: HeaderPart): void {
    const into = (this.gathered[part.list] ??= []);
    for (const v of part.values) into.push(v);
  }

  /** The skeleton with its lists filled (the skeleton's own, emptied lists, are replaced). */
  fill(skeleton: Header): Header {
    const got = (list: number) => this.gathered[list] ?? [];
    let list = 3;
    return {
      ...skeleton,
      labels: got(0) as string[],
      geometries: got(1) as Header["geometries"],
      ids: got(2) as Header["ids"],
      properties: skeleton.properties.map((col) => (col.plain ? { ...col, plain: got(list++) } : col)),
    };
  }
}
