// Which incidents' points still need looking up (the country or the division their file does not give):
// the shared bookkeeping of usePointCountries and usePointDivisions. A per-dataset cache of event id →
// answer, where undefined marks a question asked and not yet answered.
import type { IncidentProperties } from "@/lib/incident/model";
import type { PlacedIncident } from "@/lib/incident/place";
import { whenIdle } from "../layout/whenIdle";

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

/** The visible incidents whose file gives nothing (`given` is null) and that were never asked, marked as asked. */
export function unanswered(datasets: readonly LookupDataset[], cache: LookupCache, given: (p: IncidentProperties) => string | null): Wanted[] {
  const wanted: Wanted[] = [];
  for (const d of datasets) {
    if (!d.visible || d.incidents === null) continue;
    let known = cache.get(d.key);
    if (!known) cache.set(d.key, (known = new Map()));
    for (const p of d.incidents) {
      const props = p.feature.properties;
      if (given(props) !== null || known.has(props.event_id)) continue;
      known.set(props.event_id, undefined);
      wanted.push({ key: d.key, id: props.event_id, at: p.anchor });
    }
  }
  return wanted;
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
