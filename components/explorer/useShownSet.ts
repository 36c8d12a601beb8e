"use client";
// The one filtered set on the page (./selectors.ts). What the map's view holds of a large set is worked out in
// slices after the render (./useSlicedWhenLarge.ts): the view test of a million incidents, and the array it
// made, held the render that showed a million-row import for 280 ms. Meanwhile the list and the count keep the
// last set worked out, a moment late, and an export asks `inView`, which is never late; a small set's view is
// worked out in the render, as before.
import { useState } from "react";
import type { PlacedIncident } from "@/lib/incident/placed";
import type { ReferenceFeature } from "@/lib/incident/reference";
import type { ExplorerState } from "./state";
import { createFilteredSelector, shownSet, shownSteps, type Measure, type ShownSet } from "./selectors";
import { lastCall } from "./memo";
import { useSlicedWhenLarge } from "./useSlicedWhenLarge";

const NONE: readonly PlacedIncident[] = [];

export function useShownSet(incidents: readonly PlacedIncident[], reference: ReferenceFeature | null, state: Pick<ExplorerState, "filter" | "layers" | "bbox">, measure: Measure): ShownSet {
  const [select] = useState(() => ({
    filtered: createFilteredSelector(),
    set: lastCall(shownSet),
  }));
  const filtered = select.filtered(incidents, reference, state.filter, measure);
  // Nothing to test while the layer is off or before the map reports its view.
  const size = state.layers.incidents && state.bbox ? filtered.length : 0;
  const shown = useSlicedWhenLarge(size, { initial: NONE, first: true }, shownSteps, filtered, state.layers.incidents, state.bbox);
  return select.set(filtered, shown.value, shown.current, state.layers.incidents, state.bbox);
}
