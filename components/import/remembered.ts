// The mapping a user chose for a header, remembered in this browser so the next export from the same
// source imports in one click. What comes back from localStorage is checked like any input: another tab,
// an extension or an older version may have written anything there.
import { DATE_FORMATS, COLUMN_ROLES, type Mapping, type PrecisionScale, type ColumnRole } from "@/lib/import/mapping/types";
import { cyrb53 } from "@/lib/import/ids";

export interface Remembered {
  mapping: Mapping;
  /** ISO time it was saved, shown as "the mapping you chose for this header on DATE". */
  savedAt: string;
}

// @option STORAGE_KEY: string = "incident-map:mappings", one JSON object keyed by headerKey.
export const STORAGE_KEY = "incident-map:mappings";
// @option MAX_REMEMBERED: number = 50, headers kept; the oldest goes first.
export const MAX_REMEMBERED = 50;

type Store = Pick<Storage, "getItem" | "setItem">;

const SCALES: readonly PrecisionScale[] = ["acled", "ucdp-where", "ucdp-date"];
const isRole = (x: unknown): x is ColumnRole => typeof x === "string" && (COLUMN_ROLES as readonly string[]).includes(x);

/** A short hash (cyrb53) of the ordered column names: the same header gives the same key. */
export function headerKey(columns: readonly string[]): string {
  const [h1, h2] = cyrb53(JSON.stringify(columns));
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}

/** A Mapping rebuilt from unknown data, or null: every column of `columns` needs a known role, and nothing else may be there. */
export function checkMapping(x: unknown, columns: readonly string[]): Mapping | null {
  if (typeof x !== "object" || x === null) return null;
  const m = x as Record<string, unknown>;
  const roles = m.roles as Record<string, unknown> | null;
  if (typeof roles !== "object" || roles === null || Array.isArray(roles)) return null;
  const keys = Object.keys(roles);
  if (keys.length !== columns.length || !columns.every((c) => Object.hasOwn(roles, c) && isRole(roles[c]))) return null;
  if (typeof m.profile !== "string" || m.profile.length > 100) return null;
  if (m.dateFormat !== null && !(DATE_FORMATS as readonly unknown[]).includes(m.dateFormat)) return null;
  const pivot = m.twoDigitYearPivot;
  if (typeof pivot !== "number" || !Number.isInteger(pivot) || pivot < 0 || pivot > 100) return null;
  const precision = m.precision as Record<string, unknown> | null;
  if (typeof precision !== "object" || precision === null) return null;
  if (!SCALES.includes(precision.geo as PrecisionScale) || !SCALES.includes(precision.time as PrecisionScale)) return null;
  const typeFacet = m.eventTypeFacet;
  if (typeFacet !== undefined && (typeof typeFacet !== "string" || typeFacet.length > 100)) return null;
  return {
    profile: m.profile,
    // fromEntries defines own properties, so a column named "__proto__" stays a column.
    roles: Object.fromEntries(columns.map((c) => [c, roles[c] as ColumnRole])),
    dateFormat: m.dateFormat as Mapping["dateFormat"],
    twoDigitYearPivot: pivot,
    precision: { geo: precision.geo as PrecisionScale, time: precision.time as PrecisionScale },
    ...(typeFacet !== undefined ? { eventTypeFacet: typeFacet } : {}),
  };
}

function readAll(store: Store): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(store.getItem(STORAGE_KEY) ?? "{}");
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function writeAll(store: Store, all: Record<string, unknown>): void {
  try {
    store.setItem(STORAGE_KEY, JSON.stringify(all));
  } catch {
    // Full or forbidden storage: the mapping is simply not remembered.
  }
}

/** The mapping remembered for this header, when there is a valid one. */
export function recall(columns: readonly string[], store: Store): Remembered | null {
  const all = readAll(store);
  const key = headerKey(columns);
  const entry = Object.hasOwn(all, key) ? (all[key] as Record<string, unknown> | null) : null;
  if (typeof entry !== "object" || entry === null) return null;
  const savedAt = entry.savedAt;
  if (typeof savedAt !== "string" || !/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(savedAt) || Number.isNaN(Date.parse(savedAt))) return null;
  const mapping = checkMapping(entry.mapping, columns);
  return mapping ? { mapping, savedAt } : null;
}

export function remember(columns: readonly string[], mapping: Mapping, store: Store, now: Date = new Date()): void {
  const all = readAll(store);
  delete all[headerKey(columns)];
  const kept = Object.entries(all).slice(-(MAX_REMEMBERED - 1));
  writeAll(store, Object.fromEntries([...kept, [headerKey(columns), { mapping, savedAt: now.toISOString() }]]));
}

export function forget(columns: readonly string[], store: Store): void {
  const all = readAll(store);
  delete all[headerKey(columns)];
  writeAll(store, all);
}

/** Same roles, date reading and precision scales: the profile's name alone does not make a mapping differ. */
export function sameMapping(a: Mapping, b: Mapping): boolean {
  const keys = Object.keys(a.roles);
  return (
    keys.length === Object.keys(b.roles).length &&
    keys.every((k) => a.roles[k] === b.roles[k]) &&
    a.dateFormat === b.dateFormat &&
    a.twoDigitYearPivot === b.twoDigitYearPivot &&
    a.precision.geo === b.precision.geo &&
    a.precision.time === b.precision.time &&
    a.eventTypeFacet === b.eventTypeFacet
  );
}
