"use client";
// The one filtered set that feeds the map, the list, the count, the analysis and the export, so they
// always agree: distances from the reference point in force, the filter, then the map's view.
import { useMemo } from "react";
import { anchorInBbox, asFilterable, measuredFrom, type PlacedIncident } from "@/lib/incident/place";
import { applyFilter } from "@/lib/incident/filter";
import { referenceFeature } from "@/lib/incident/reference";
import type { ExplorerState } from "./explorer/state";

const NONE: PlacedIncident[] = [];

export function useShownIncidents(incidents: readonly PlacedIncident[], state: Pick<ExplorerState, "reference" | "filter" | "layers" | "bbox">) {
  const { filter, bbox } = state;
  const reference = useMemo(() => referenceFeature(state.reference), [state.reference]);
  // Distances follow the reference point; the server measured them from the default one.
  const measured = useMemo(() => measuredFrom(incidents, state.reference ? reference : null), [incidents, state.reference, reference]);
  const filtered = useMemo(() => applyFilter(measured, asFilterable, filter), [measured, filter]);
  const shown = useMemo(() => (state.layers.incidents && bbox ? filtered.filter((p) => anchorInBbox(p, bbox)) : NONE), [filtered, state.layers.incidents, bbox]);
  return { reference, filtered, shown };
}
