"use client";
// The one filtered set on the page (./selectors.ts). What the map's view holds of a large set is worked out in
// slices after the render, as the panels' counts are (components/layout/useSliced.ts): the view test of a
// million incidents, and the array it made, held the render that showed a million-row import for 280 ms.
// Meanwhile the list, the count and the export keep the last set worked out, a moment late; a small set's
// view is worked out in the render, as before, so it is never late.
import { useEffect, useState } from "react";
import type { PlacedIncident } from "@/lib/incident/placed";
import type { ReferenceFeature } from "@/lib/incident/reference";
import type { ExplorerState } from "./state";
import { createFilteredSelector, shownIncidents, shownSteps, type Measure, type ShownSet } from "./selectors";
import { lastCall } from "./memo";

// @option SLICED_FROM: number = 20_000
// Filtered incidents from which the view's are worked out in slices: below it, the view test takes a few
// milliseconds, less than a render that waits for it.
const SLICED_FROM = 20_000;

// @option SLICE_MS: number = 10
// Work per slice: well under a frame's 50 ms "long task".
const SLICE_MS = 10;

const NONE: readonly PlacedIncident[] = [];

export function useShownSet(incidents: readonly PlacedIncident[], reference: ReferenceFeature | null, state: Pick<ExplorerState, "filter" | "layers" | "bbox">, measure: Measure): ShownSet {
  const [select] = useState(() => ({
    filtered: createFilteredSelector(),
    shown: lastCall((f: readonly PlacedIncident[], incidentsOn: boolean, bbox: ExplorerState["bbox"]) => shownIncidents(f, { layers: { incidents: incidentsOn }, bbox })),
    set: lastCall((filtered: readonly PlacedIncident[], shown: readonly PlacedIncident[]): ShownSet => ({ filtered, shown })),
  }));
  const filtered = select.filtered(incidents, reference, state.filter, measure);
  const incidentsOn = state.layers.incidents;
  const { bbox } = state;
  const sliced = filtered.length >= SLICED_FROM && incidentsOn && bbox !== null;
  const [late, setLate] = useState<readonly PlacedIncident[]>(NONE);
  useEffect(() => {
    if (!sliced) return;
    const run = shownSteps(filtered, incidentsOn, bbox);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slice = () => {
      const until = performance.now() + SLICE_MS;
      for (;;) {
        const r = run.next();
        if (r.done) return setLate(r.value);
        if (performance.now() >= until) break;
      }
      timer = setTimeout(slice, 0);
    };
    timer = setTimeout(slice, 0);
    return () => {
      clearTimeout(timer);
      run.return(NONE);
    };
  }, [sliced, filtered, incidentsOn, bbox]);
  return select.set(filtered, sliced ? late : select.shown(filtered, incidentsOn, bbox));
}
