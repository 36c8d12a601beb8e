"use client";
// What the timeline draws, derived from the incidents and the filter (the selectors are
// components/explorer/selectors.ts): the phases as bands, the span it opens on (the union of the open
// datasets' own), and the histogram of every date the other filters allow (the brush then picks among them).
import { useMemo } from "react";
import type { PlacedIncident } from "@/lib/incident/place";
import type { IncidentFilter } from "@/lib/incident/filter";
import * as select from "../explorer/selectors";

export function useTimelineData(incidents: readonly PlacedIncident[], filter: IncidentFilter, datasets: readonly select.TimelineDataset[], wholeSpan: boolean) {
  const dateless = useMemo(() => select.datelessFiltered(incidents, filter), [incidents, filter]);
  const phases = useMemo(() => select.timelinePhases(datasets), [datasets]);
  const fullSpan = useMemo(() => select.fullSpan(incidents), [incidents]);
  const opening = useMemo(() => select.openingSpan(datasets), [datasets]);
  const span = select.timelineSpan({ wholeSpan }, opening, fullSpan);
  const histogram = useMemo(() => select.timelineHistogram(dateless, span), [dateless, span]);
  const undatedTotal = useMemo(() => select.undatedCount(dateless), [dateless]);
  return { phases, span, fullSpan, histogram, undatedTotal };
}
