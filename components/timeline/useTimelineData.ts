"use client";
// What the timeline draws, derived from the incidents and the filter: the phases as bands, the span it
// opens on (the union of the open datasets' own), and the histogram of every date the other filters allow (the brush then picks among them).
import { useMemo } from "react";
import type { SiegeCollection } from "@/lib/incident/context-layers";
import { asFilterable, type PlacedIncident } from "@/lib/incident/place";
import { applyFilter, type IncidentFilter } from "@/lib/incident/filter";
import { dailyHistogram, datasetSpan, phasesFromIncidents, type DaySpan, type Phase } from "@/lib/display/timeline";
import { maxDay, minDay } from "@/lib/incident/days";


/** The siege as a phase band: its validity comes from siege.geojson, not from an incident. */
function siegePhases(siege: SiegeCollection): Phase[] {
  return siege.features.map((f) => ({
    id: `siege:${f.properties.id}`,
    name: "Siege",
    kind: "siege",
    from: f.properties.valid_from,
    to: f.properties.valid_to,
    event_ids: [],
  }));
}

/** The span the timeline opens on: the siege and the offensive where the dataset has them, else all of it. */
function focusSpan(phases: Phase[], all: DaySpan | null): DaySpan | null {
  let span: DaySpan | null = null;
  for (const p of phases) {
    if ((p.kind !== "siege" && p.kind !== "offensive") || !p.from || !p.to) continue;
    span = span ? { from: minDay(span.from, p.from), to: maxDay(span.to, p.to) } : { from: p.from, to: p.to };
  }
  return span ?? all;
}

/** One open, visible dataset as the timeline reads it: its incidents and its siege context layers. */
export interface TimelineDataset {
  incidents: readonly PlacedIncident[];
  sieges: readonly SiegeCollection[];
}

function datasetPhases(d: TimelineDataset): Phase[] {
  return [...d.sieges.flatMap(siegePhases), ...phasesFromIncidents(d.incidents.map((p) => p.feature))];
}

/** The union of each dataset's opening span: its siege and offensive where it has them, else all of it. */
function openingSpan(datasets: readonly TimelineDataset[]): DaySpan | null {
  let span: DaySpan | null = null;
  for (const d of datasets) {
    const own = focusSpan(datasetPhases(d), datasetSpan(d.incidents.map((p) => p.feature)));
    if (own) span = span ? { from: minDay(span.from, own.from), to: maxDay(span.to, own.to) } : own;
  }
  return span;
}

export function useTimelineData(incidents: readonly PlacedIncident[], filter: IncidentFilter, datasets: readonly TimelineDataset[], wholeSpan: boolean) {
  const noDates = useMemo(() => ({ ...filter, from: undefined, to: undefined, includeUndated: undefined }), [filter]);
  const dateless = useMemo(() => applyFilter(incidents, asFilterable, noDates), [incidents, noDates]);
  const phases = useMemo(() => datasets.flatMap(datasetPhases), [datasets]);
  const fullSpan = useMemo(() => datasetSpan(incidents.map((p) => p.feature)), [incidents]);
  const opening = useMemo(() => openingSpan(datasets), [datasets]);
  const span = wholeSpan ? fullSpan : (opening ?? fullSpan);
  const histogram = useMemo(() => (span ? dailyHistogram(dateless.map((p) => p.feature), span) : null), [dateless, span]);
  const undatedTotal = useMemo(() => dateless.filter((p) => p.feature.properties.event_date === null).length, [dateless]);
  return { phases, span, fullSpan, histogram, undatedTotal };
}
