"use client";
// The one filtered set that feeds the map, the list, the count, the analysis and the export, so they
// always agree: distances from the reference point in force, the filter, then the map's view.
import { useMemo } from "react";
import { anchorInBbox, asFilterable, measuredFrom, type PlacedIncident } from "@/lib/incident/place";
import { applyFilter } from "@/lib/incident/filter";
import type { ReferenceFeature } from "@/lib/incident/reference";
import type { ExplorerState } from "../explorer/state";

const NONE: PlacedIncident[] = [];

/** `reference` is the point in force (lib/dataset/reference.ts), or null: distances are then not shown. */
export function useShownIncidents(incidents: readonly PlacedIncident[], reference: ReferenceFeature | null, state: Pick<ExplorerState, "filter" | "layers" | "bbox">) {
  const { filter, bbox } = state;
  const measured = useMemo(() => measuredFrom(incidents, reference), [incidents, reference]);
  const filtered = useMemo(() => applyFilter(measured, asFilterable, filter), [measured, filter]);
  const shown = useMemo(() => (state.layers.incidents && bbox ? filtered.filter((p) => anchorInBbox(p, bbox)) : NONE), [filtered, state.layers.incidents, bbox]);
  return { filtered, shown };
}
