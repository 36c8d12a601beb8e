"use client";
// The incidents on the map: road incidents as lines, the selected incident's area, and the markers.
import { useMemo } from "react";
import type { PlacedIncident } from "@/lib/incident/place";
import type { CategoryStyles } from "@/lib/display/event-style";
import RoadLines from "./RoadLines";
import SelectedArea from "./SelectedArea";
import ClusterMarkers from "./ClusterMarkers";

interface Props {
  incidents: readonly PlacedIncident[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** event_ids in no hotspot, marked as noise while the Hotspots overlay is on. */
  noise?: readonly string[] | null;
  /** The loaded data's category styles, shared with the legend. */
  styles: CategoryStyles;
}

const NO_NOISE: ReadonlySet<string> = new Set();

export default function IncidentLayer({ incidents, selectedId, onSelect, noise, styles }: Props) {
  const noiseSet = useMemo(() => (noise?.length ? new Set(noise) : NO_NOISE), [noise]);
  const selected = useMemo(() => (selectedId === null ? null : (incidents.find((p) => p.feature.properties.event_id === selectedId) ?? null)), [incidents, selectedId]);
  return (
    <>
      <RoadLines incidents={incidents} styles={styles} />
      <SelectedArea incident={selected} styles={styles} />
      <ClusterMarkers incidents={incidents} selectedId={selectedId} onSelect={onSelect} noise={noiseSet} styles={styles} />
    </>
  );
}
