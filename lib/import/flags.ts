// Flags: what a plausibility check or an unreadable secondary value says about a row that IS imported. A
// flag never drops a row; the report groups flags by kind and offers one action per group, applied to the
// features of that import by applyFlagAction.
import type { IncidentCollection, IncidentFeature } from "../incident/model";

export const FLAG_KINDS = ["possible-swap", "swapped", "outside-country", "placed-on-division", "unreadable", "id-renamed", "possible-repeat"] as const;
/**
 * possible-swap: outside the country the row names while [lat, lng] lies inside it (kept as the file gives it);
 * swapped: a latitude beyond ±90 whose swap is a position, kept with the swap applied (unreadable as given);
 * outside-country: outside the country the row names; placed-on-division: its place was not found, so it
 * stands on the finest division or country its row names (geo_precision 3); unreadable: a secondary value left empty or default;
 * id-renamed: an id the file or the map already has, kept under a suffixed id; possible-repeat: a row without
 * an id holding exactly the cells of an earlier one (two events a slim file cannot tell apart, or one twice).
 */
export type FlagKind = (typeof FLAG_KINDS)[number];

/** What one check says about one row: the field as the file names it, the value as shown, why. */
export interface RowFlag {
  kind: FlagKind;
  field: string;
  value: string;
  message: string;
}

/** A flag on an imported row, with the event_id it was imported as (the one-click actions find it by it). */
export interface FlaggedRow extends RowFlag {
  row: number;
  line?: number;
  id: string;
}

export type FlagAction = "swap" | "drop";

// @option FLAG_ACTIONS: what the report offers per kind; every group can be dropped, only a possible swap swapped.
export const FLAG_ACTIONS: Readonly<Record<FlagKind, readonly FlagAction[]>> = {
  "possible-swap": ["swap", "drop"],
  swapped: ["drop"],
  "outside-country": ["drop"],
  "placed-on-division": ["drop"],
  unreadable: ["drop"],
  "id-renamed": ["drop"],
  "possible-repeat": ["drop"],
};

export interface FlagGroup {
  kind: FlagKind;
  flags: FlaggedRow[];
  /** The distinct incidents the group concerns (a row may carry two flags of one kind). */
  ids: string[];
}

// The groups of a report's flags, kept per flags array: the report re-renders with its panel, and a 1M-row
// import's 95,000 flags took 60-113 ms to group on each render.
const grouped = new WeakMap<readonly FlaggedRow[], FlagGroup[]>();

/** Flags grouped by kind, in FLAG_KINDS order; empty groups left out. One pass; worked out once per array (do not change the groups). */
export function flagGroups(flagged: readonly FlaggedRow[]): FlagGroup[] {
  const known = grouped.get(flagged);
  if (known) return known;
  const byKind = new Map<FlagKind, { flags: FlaggedRow[]; ids: Set<string> }>(FLAG_KINDS.map((kind) => [kind, { flags: [], ids: new Set() }]));
  for (const f of flagged) {
    const g = byKind.get(f.kind);
    if (!g) continue;
    g.flags.push(f);
    g.ids.add(f.id);
  }
  const groups = FLAG_KINDS.flatMap((kind) => {
    const { flags, ids } = byKind.get(kind)!;
    return flags.length > 0 ? [{ kind, flags, ids: [...ids] }] : [];
  });
  grouped.set(flagged, groups);
  return groups;
}

const swapPoint = (f: IncidentFeature): IncidentFeature =>
  f.geometry.type === "Point" ? { ...f, geometry: { type: "Point", coordinates: [f.geometry.coordinates[1], f.geometry.coordinates[0]] } } : f;

/** The collection after `action` on the incidents `ids` names: swapped (points only) or dropped. A new collection; the input is not changed. */
export function applyFlagAction(collection: IncidentCollection, ids: readonly string[], action: FlagAction): IncidentCollection {
  const wanted = new Set(ids);
  const hit = (f: IncidentFeature) => wanted.has(f.properties.event_id);
  const features = action === "drop" ? collection.features.filter((f) => !hit(f)) : collection.features.map((f) => (hit(f) ? swapPoint(f) : f));
  return { ...collection, features };
}
