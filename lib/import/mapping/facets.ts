// Nested values made usable: a facet column's cells → facets (TimeMap's `filters: [{key, value}]` a facet
// per key, an array of strings or a plain text one facet named after the column), the facet whose value is
// the event type, and a list of sources → the incident's source links. The stored form is the model's
// (FACET_KEYS_PROPERTY, SOURCE_LINKS_PROPERTY in lib/incident/model.ts).
import { eventTypeIssue, FACET_KEYS_PROPERTY, FACET_SEPARATOR, SOURCE_LINKS_PROPERTY } from "../../incident/model";
import type { SourceLink } from "../../incident/sources";
import { parseBoundedJson } from "../json";
import { unsafeKeyReason } from "../keys";
import { MAX_JSON_DEPTH } from "../limits";
import type { SourceRecord } from "../source/types";
import { safeHttpUrl } from "../url";
import { isBlank, textOf } from "./values";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
const isPair = (v: unknown): v is { key: unknown; value: unknown } => isObject(v) && Object.hasOwn(v, "key") && Object.hasOwn(v, "value");

/** A cell as JSON: a JSON value as it is, a CSV cell holding JSON text (`[{"key": …}]`) parsed, else itself. */
function nested(value: unknown, maxJsonDepth: number): unknown {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return value;
  const json = parseBoundedJson(value, maxJsonDepth);
  return json.ok ? json.value : value;
}

// A key joins the incident's facet list, so it may not hold the list's separator.
const keyText = (key: unknown) => textOf(key).split(FACET_SEPARATOR).join(", ").trim();

/** A value's texts: a scalar's, each scalar of an array's; blanks left out. */
function valueTexts(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((v) => !isBlank(v) && !isObject(v) && !Array.isArray(v)).map((v) => textOf(v).trim());
}

/**
 * The facets of one cell of column `column`, key → values in order, each value once: a list of {key, value}
 * pairs (or an object) gives a facet per key; an array of strings or a scalar gives the facet `column`.
 * Keys that may not be property names (`__proto__`, blank) are left out.
 */
export function facetsOfCell(column: string, value: unknown, maxJsonDepth = MAX_JSON_DEPTH): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (rawKey: unknown, v: unknown) => {
    const key = keyText(rawKey);
    if (unsafeKeyReason(key)) return;
    const values = out.get(key) ?? [];
    for (const t of valueTexts(v)) if (!values.includes(t)) values.push(t);
    if (values.length) out.set(key, values);
  };
  const cell = nested(value, maxJsonDepth);
  if (Array.isArray(cell) && cell.some(isPair)) for (const p of cell.filter(isPair)) add(p.key, p.value);
  else if (isObject(cell)) for (const [k, v] of Object.entries(cell)) add(k, v);
  else add(column, cell);
  return out;
}

/** True when the cell is a list of {key, value} pairs (a facet per key), not one facet named after its column. */
export const isPairList = (value: unknown, maxJsonDepth = MAX_JSON_DEPTH): boolean => {
  const cell = nested(value, maxJsonDepth);
  return Array.isArray(cell) && cell.every(isPair);
};

/** The first value of the chosen facet when it can be a category (lib/incident/model eventTypeIssue), else undefined. */
export function eventTypeFromFacets(facets: ReadonlyMap<string, string[]>, key: string | undefined): string | undefined {
  const value = key === undefined ? undefined : facets.get(key)?.[0];
  return value !== undefined && eventTypeIssue(value) === null ? value : undefined;
}

/**
 * Writes each facet as a property (`name` gives a free property name for a key) and the list of them. A kept
 * column may carry these two names (our own export read back); a facet key never does.
 */
export function putFacets(props: { put(key: string, value: unknown): void }, facets: ReadonlyMap<string, string[]>, name: (key: string) => string): void {
  const names: string[] = [];
  for (const [key, values] of facets) {
    const property = name(key === FACET_KEYS_PROPERTY || key === SOURCE_LINKS_PROPERTY ? `${key} (file)` : key);
    props.put(property, values.join(FACET_SEPARATOR));
    names.push(property);
  }
  if (names.length) props.put(FACET_KEYS_PROPERTY, names.join(FACET_SEPARATOR));
}

/** Facets of several cells merged, key → values, in order of appearance. */
export function mergeFacets(cells: Iterable<Map<string, string[]>>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const cell of cells) {
    for (const [key, values] of cell) {
      const into = out.get(key) ?? [];
      for (const v of values) if (!into.includes(v)) into.push(v);
      out.set(key, into);
    }
  }
  return out;
}

/** Per column whose every non-blank sample value is a list of {key, value} pairs, the keys named, in order. */
export function sampleFacetKeys(columns: readonly string[], sample: readonly SourceRecord[]): Record<string, string[]> {
  const entries: [string, string[]][] = [];
  columns.forEach((name, i) => {
    if (unsafeKeyReason(name)) return;
    const values = sample.map((r) => r.values[i]).filter((v) => !isBlank(v));
    if (values.length === 0 || !values.every((v) => isPairList(v))) return;
    const keys = [...mergeFacets(values.map((v) => facetsOfCell(name, v))).keys()];
    if (keys.length) entries.push([name, keys]);
  });
  return Object.fromEntries(entries);
}

/** True when every non-blank sample value of the column is a pair list or an array of strings (a facet by
 *  shape); lists of links (media, sources) are not categories. */
export function looksLikeFacetColumn(values: readonly unknown[]): boolean {
  const given = values.filter((v) => !isBlank(v)).map((v) => nested(v, MAX_JSON_DEPTH));
  const strings = given.flatMap((v) => (Array.isArray(v) ? v.filter((x) => typeof x === "string") : []));
  if (strings.length > 0 && strings.every((x) => /^\s*https?:\/\//i.test(x))) return false;
  return given.length > 0 && given.every((v) => Array.isArray(v) && (v.every(isPair) || v.every((x) => typeof x === "string")));
}

/**
 * The facet key proposed as the event type: the one most sample rows give, then the one with the fewest
 * distinct values (a type, not a description), then the first seen; undefined when no row gives one.
 */
export function proposeTypeFacet(columns: readonly string[], sample: readonly SourceRecord[], pairColumns: readonly string[]): string | undefined {
  const rows = new Map<string, number>();
  const distinct = new Map<string, Set<string>>();
  for (const record of sample) {
    const cells = pairColumns.map((c) => facetsOfCell(c, record.values[columns.indexOf(c)]));
    for (const [key, values] of mergeFacets(cells)) {
      const first = eventTypeFromFacets(new Map([[key, values]]), key);
      if (first === undefined) continue;
      rows.set(key, (rows.get(key) ?? 0) + 1);
      distinct.set(key, (distinct.get(key) ?? new Set()).add(first));
    }
  }
  let best: string | undefined;
  for (const key of rows.keys()) {
    if (best === undefined) best = key;
    else if (rows.get(key)! > rows.get(best)! || (rows.get(key) === rows.get(best) && distinct.get(key)!.size < distinct.get(best)!.size)) best = key;
  }
  return best;
}

/**
 * A list of sources → the incident's source links: a TimeMap source object gives one link per http(s) URL
 * (`url`, then each of `paths`) with its `title` (else `description`, else `id`), or its words alone when it
 * has no such URL; a string is a link when it is an http(s) URL, else a source's id or name.
 */
export function sourceLinksOf(value: unknown, maxJsonDepth = MAX_JSON_DEPTH): SourceLink[] {
  const cell = nested(value, maxJsonDepth);
  const items = Array.isArray(cell) ? cell : [cell];
  const out: SourceLink[] = [];
  for (const item of items) {
    if (typeof item === "string") {
      const url = safeHttpUrl(item);
      if (url !== null) out.push({ url, description: "" });
      else if (item.trim() !== "") out.push({ url: null, description: item.trim() });
    } else if (isObject(item)) {
      const words = [item.title, item.description, item.id].map(textOf).find((t) => t.trim() !== "") ?? "";
      const urls = [...valueTexts(item.url), ...valueTexts(item.paths)].map(safeHttpUrl).filter((u): u is string => u !== null);
      if (urls.length === 0 && words.trim() !== "") out.push({ url: null, description: words });
      for (const url of [...new Set(urls)]) out.push({ url, description: words });
    }
  }
  return out;
}
