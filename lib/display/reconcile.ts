// The map's markers follow its view without being rebuilt: what the next view wants is compared with
// what is drawn, by key, and only the difference is applied.
import type { ViewMarker } from "./view-markers";

export interface MarkerChanges {
  /** Keys drawn that the view no longer wants. */
  remove: string[];
  /** Markers to create, in drawing order (their order is the keyboard's Tab order). */
  add: ViewMarker[];
  /** Markers drawn under the same key whose look changed: restyle them in place. */
  update: ViewMarker[];
}

/** Whether two markers under one key look the same (position, selection, noise, fanned out). */
export function sameLook(a: ViewMarker, b: ViewMarker): boolean {
  if (a.kind === "cluster" && b.kind === "cluster") return a.hasSelected === b.hasSelected;
  if (a.kind === "incident" && b.kind === "incident") {
    return a.selected === b.selected && a.noise === b.noise && a.fanned === b.fanned && a.at[0] === b.at[0] && a.at[1] === b.at[1];
  }
  return a.kind === b.kind;
}

/**
 * What turns the markers drawn (`previous`, by key) into the ones `next` wants. A key wanted twice is
 * taken once, the first time. Neither input is changed.
 */
export function reconcileMarkers(previous: ReadonlyMap<string, ViewMarker>, next: readonly ViewMarker[]): MarkerChanges {
  const wanted = new Map<string, ViewMarker>();
  for (const m of next) if (!wanted.has(m.key)) wanted.set(m.key, m);
  const changes: MarkerChanges = { remove: [], add: [], update: [] };
  for (const key of previous.keys()) if (!wanted.has(key)) changes.remove.push(key);
  for (const [key, m] of wanted) {
    const drawn = previous.get(key);
    if (!drawn) changes.add.push(m);
    else if (!sameLook(drawn, m)) changes.update.push(m);
  }
  return changes;
}
