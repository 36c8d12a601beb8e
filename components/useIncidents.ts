"use client";
// The incidents the page works on: the dataset (fetched as incident columns) and the user's visible imports, which take part in filters, distances, hotspots and export.
import { useMemo } from "react";
import type { PlacedIncident } from "@/lib/incident/place";
import { useImports } from "./useImports";
import { useRemoteIncidents } from "./useRemoteIncidents";

const NONE: PlacedIncident[] = [];

export function useIncidents(remoteUrl: string) {
  const remote = useRemoteIncidents(remoteUrl);
  const dataset = remote.incidents ?? NONE;
  const datasetIds = useMemo(() => new Set(dataset.map((p) => p.feature.properties.event_id)), [dataset]);
  const imports = useImports(datasetIds);
  const { placed } = imports;
  const incidents = useMemo(() => (placed.length ? [...dataset, ...placed] : dataset), [dataset, placed]);
  const byId = useMemo(() => new Map(incidents.map((p) => [p.feature.properties.event_id, p])), [incidents]);
  return {
    incidents,
    byId,
    imports,
    /** The dataset is here (imports may follow). */
    arrived: remote.incidents !== null,
    /** Why a fetched dataset failed to load, if it did. */
    loadError: remote.error,
  };
}
