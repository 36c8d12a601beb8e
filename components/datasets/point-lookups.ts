// Which incidents' points still need looking up (the country or the division their file does not give):
// the shared bookkeeping of usePointCountries and usePointDivisions. A per-dataset cache of event id →
// answer, where undefined marks a question asked and not yet answered.
import type { IncidentProperties } from "@/lib/incident/model";
import type { PlacedIncident } from "@/lib/incident/place";
import { pauseAfter, whole, type Steps } from "@/lib/incident/steps";
import { whenIdle } from "../layout/whenIdle";
import { runInSlices } from "../layout/useSliced";

export interface LookupDataset {
  key: string;
  visible: boolean;
  incidents: readonly PlacedIncident[] | null;
}

/** dataset key → event id → answer (a name, null for none, undefined while asked). */
export type LookupCache = Map<string, Map<string, string | null | undefined>>;

export interface Wanted {
  key: string;
  id: string;
  at: readonly number[];
}

// @option SLICE_MS: number = 25
// Longest stretch of the walk over the incidents before the page's thread is given back (a frame's long task is 50 ms).
const SLICE_MS = 25;

// Incidents arrays whose file gives every incident the answer, per `given`: nothing there is ever asked, so a
// later walk (a dataset shown again, another dataset opened) passes them by. An incidents array is not changed.
const allGiven = new WeakMap<(p: IncidentProperties) => string | null, WeakSet<readonly PlacedIncident[]>>();

/**
 * The walk of `unanswered`, pausing every STEP incidents: the visible incidents whose file gives nothing and
 * that were never asked are marked as asked and pushed onto `wanted` as they are found.
 */
export function* unansweredSteps(datasets: readonly LookupDataset[], cache: LookupCache, given: (p: IncidentProperties) => string | null, wanted: Wanted[]): Steps<Wanted[]> {
  let everyGiven = allGiven.get(given);
  if (!everyGiven) allGiven.set(given, (everyGiven = new WeakSet()));
  for (const d of datasets) {
    if (!d.visible || d.incidents === null || everyGiven.has(d.incidents)) continue;
    let known = cache.get(d.key);
    if (!known) cache.set(d.key, (known = new Map()));
    let every = true;
    const incidents = d.incidents;
    for (let i = 0; i < incidents.length; i++) {
      const p = incidents[i];
      const props = p.feature.properties;
      if (given(props) === null) {
        every = false;
        if (!known.has(props.event_id)) {
          known.set(props.event_id, undefined);
          wanted.push({ key: d.key, id: props.event_id, at: p.anchor });
        }
      }
      if (pauseAfter(i)) yield;
    }
    if (every) everyGiven.add(incidents);
  }
  return wanted;
}

/** The visible incidents whose file gives nothing (`given` is null) and that were never asked, marked as asked. */
export function unanswered(datasets: readonly LookupDataset[], cache: LookupCache, given: (p: IncidentProperties) => string | null): Wanted[] {
  return whole(unansweredSteps(datasets, cache, given, []));
}

/**
 * Finds what `unanswered` finds in slices (a million incidents walked at once held the page's thread for 70-134
 * ms after an import), then runs `send` with them once the page is idle, when there are any. The function
 * returned, for an effect's cleanup, stops the walk or cancels a question not yet sent, and forgets what was
 * marked as asked, so that it is asked again.
 */
export function askInSlices(
  datasets: readonly LookupDataset[],
  cache: LookupCache,
  given: (p: IncidentProperties) => string | null,
  send: (wanted: readonly Wanted[]) => void,
  sliceMs: number = SLICE_MS,
): () => void {
  const wanted: Wanted[] = [];
  let walking = true;
  let cancelAsk: (() => void) | undefined;
  // The first slice too after the effects: the commit that brought the incidents has enough to do.
  const stop = runInSlices(unansweredSteps(datasets, cache, given, wanted), sliceMs, () => {
    walking = false;
    if (wanted.length > 0) cancelAsk = askWhenIdle(cache, wanted, () => send(wanted));
  });
  return () => {
    if (cancelAsk) return cancelAsk();
    if (!walking) return;
    stop();
    forgetAsked(cache, wanted);
  };
}

/** Forgets that `wanted` were asked (their question was never sent, or its answer came too late), so that they are asked again. */
export function forgetAsked(cache: LookupCache, wanted: readonly Wanted[]): void {
  for (const { key, id } of wanted) cache.get(key)?.delete(id);
}

/**
 * Runs `send` for `wanted` once the page is idle: lookups of many points would share the machine with the
 * map's first markers (and a large set's cluster index worker). The function returned, for an effect's
 * cleanup, cancels a question not yet sent and forgets it, so that it is asked again.
 */
export function askWhenIdle(cache: LookupCache, wanted: readonly Wanted[], send: () => void): () => void {
  let sent = false;
  const cancel = whenIdle(() => {
    sent = true;
    send();
  });
  return () => {
    if (sent) return;
    cancel();
    forgetAsked(cache, wanted);
  };
}
