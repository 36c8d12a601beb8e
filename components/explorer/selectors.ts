// What the page derives from the explorer's state (./state.ts) and the incidents it holds: the one filtered
// set, the selected incident, the filter's counts and what the timeline draws. Pure
// functions of their arguments, memoised by their inputs (./memo.ts) or by the components that call them
// (useMemo), so each is worked out once per change of what it reads. No React, no window.
import type { SiegeCollection } from "@/lib/incident/context-layers";
import { anchorInBbox, asFilterable, type PlacedIncident } from "@/lib/incident/placed";
import { applyFilter, filterIsEmpty, filterSteps, type IncidentFilter } from "@/lib/incident/filter";
import { facetCounts, facetCountSteps, type FacetCounts } from "@/lib/incident/facets";
import { pauseAfter, whole, type Steps } from "@/lib/incident/steps";
import type { ReferenceFeature } from "@/lib/incident/reference";
import type { IncidentFeature } from "@/lib/incident/model";
import { dailyHistogram, dailyHistogramSteps, datasetSpan, datasetSpanSteps, phasesFromIncidents, phaseSteps, type DailyHistogram, type DaySpan, type Phase } from "@/lib/display/timeline";
import { maxDay, minDay } from "@/lib/incident/days";
import type { ExplorerState } from "./state";
import { lastCall } from "./memo";

// --- The one filtered set: the map, the list, the count, the analysis and the export all read it ---

const NONE: PlacedIncident[] = [];

/**
 * The incidents with their distances from `reference`, the point in force (lib/dataset/reference.ts):
 * lib/incident/place.ts's measuredFrom, which the page loads with Turf when a reference first needs it.
 */
export type Measure = (incidents: readonly PlacedIncident[], reference: ReferenceFeature | null) => readonly PlacedIncident[];

/** The incidents the filter allows, in their order: all of them (the same array) when it asks nothing. */
export function filteredIncidents(measured: readonly PlacedIncident[], filter: IncidentFilter): readonly PlacedIncident[] {
  return filterIsEmpty(filter) ? measured : applyFilter(measured, asFilterable, filter);
}

/**
 * The filtered incidents in the map's view, while the incidents layer is on; none before the map reports a view.
 * In steps, for the page to run in slices when the incidents are many (./useShownSet.ts); `whole` runs it at once.
 */
export function* shownSteps(filtered: readonly PlacedIncident[], incidentsOn: boolean, bbox: ExplorerState["bbox"]): Steps<readonly PlacedIncident[]> {
  if (!incidentsOn || !bbox) return NONE;
  const kept: PlacedIncident[] = [];
  for (let i = 0; i < filtered.length; i++) {
    if (anchorInBbox(filtered[i], bbox)) kept.push(filtered[i]);
    if (pauseAfter(i)) yield;
  }
  return kept;
}

export interface ShownSet {
  /** Measured and filtered: what the map clusters, the analysis and the timeline's undated count read. */
  filtered: readonly PlacedIncident[];
  /** Of those, the ones in the map's view: the list and the count (for a large set, a moment late). */
  shown: readonly PlacedIncident[];
  /** The ones in the view as it is now, which an export takes: `shown`, or worked out at once while it is the last view's. */
  inView: () => readonly PlacedIncident[];
}

/** The set, given `shown` and whether it is of the view and filter given (`current`). */
export function shownSet(filtered: readonly PlacedIncident[], shown: readonly PlacedIncident[], current: boolean, incidentsOn: boolean, bbox: ExplorerState["bbox"]): ShownSet {
  return { filtered, shown, inView: current ? () => shown : () => whole(shownSteps(filtered, incidentsOn, bbox)) };
}

/** Measured and filtered, each step memoised by its own inputs: a filter change measures nothing again. */
export function createFilteredSelector(): (incidents: readonly PlacedIncident[], reference: ReferenceFeature | null, filter: IncidentFilter, measure: Measure) => readonly PlacedIncident[] {
  const measured = lastCall((incidents: readonly PlacedIncident[], reference: ReferenceFeature | null, measure: Measure) => measure(incidents, reference));
  const filtered = lastCall(filteredIncidents);
  return (incidents, reference, filter, measure) => filtered(measured(incidents, reference, measure), filter);
}

/** The incident chosen: as filtered (with its distance) while the filter shows it, else as loaded; null when none is, or no dataset holds it. */
export function selectedIncident(
  state: Pick<ExplorerState, "selectedId">,
  filtered: readonly PlacedIncident[],
  byId: (id: string) => PlacedIncident | undefined,
): PlacedIncident | null {
  const id = state.selectedId;
  if (id === null) return null;
  return filtered.find((p) => p.feature.properties.event_id === id) ?? byId(id) ?? null;
}

/** Each filter value's count among `incidents` under the rest of the filter (lib/incident/facets.ts). */
export function filterCounts(incidents: readonly PlacedIncident[], state: Pick<ExplorerState, "filter">): FacetCounts {
  return facetCounts(incidents, asFilterable, state.filter);
}

/** filterCounts in steps, for the page to run in slices (components/layout/useSliced.ts). */
export function filterCountSteps(incidents: readonly PlacedIncident[], filter: IncidentFilter): Steps<FacetCounts> {
  return facetCountSteps(incidents, asFilterable, filter);
}

/** The counts before any are worked out: every facet empty. */
export const NO_COUNTS: FacetCounts = facetCounts([], asFilterable, {});

/** Incidents without a date. */
export function undatedCount(incidents: readonly PlacedIncident[]): number {
  let n = 0;
  for (const p of incidents) if (p.feature.properties.event_date === null) n++;
  return n;
}

/** undatedCount in steps, for the page to run in slices when the incidents are many (./useSlicedWhenLarge.ts). */
export function* undatedSteps(incidents: readonly PlacedIncident[]): Steps<number> {
  let n = 0;
  for (let i = 0; i < incidents.length; i++) {
    if (incidents[i].feature.properties.event_date === null) n++;
    if (pauseAfter(i)) yield;
  }
  return n;
}

/** The context areas switched on. */
export function shownAreas<A extends { key: string }>(areas: readonly A[], state: Pick<ExplorerState, "contextOff">): A[] {
  return areas.filter((a) => !state.contextOff.includes(a.key));
}

// --- The timeline ---

/** One open, visible dataset as the timeline reads it: its incidents and its siege context layers. */
export interface TimelineDataset {
  incidents: readonly PlacedIncident[];
  sieges: readonly SiegeCollection[];
}

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

function datasetPhases(d: TimelineDataset): Phase[] {
  return [...d.sieges.flatMap(siegePhases), ...phasesFromIncidents(d.incidents.map((p) => p.feature))];
}

/** The phases of every open, visible dataset, drawn as bands. */
export function timelinePhases(datasets: readonly TimelineDataset[]): Phase[] {
  return datasets.flatMap(datasetPhases);
}

/** The union of each dataset's opening span: its siege and offensive where it has them, else all of it. */
export function openingSpan(datasets: readonly TimelineDataset[]): DaySpan | null {
  let span: DaySpan | null = null;
  for (const d of datasets) {
    const own = focusSpan(datasetPhases(d), datasetSpan(d.incidents.map((p) => p.feature)));
    if (own) span = span ? { from: minDay(span.from, own.from), to: maxDay(span.to, own.to) } : own;
  }
  return span;
}

/** Every day the incidents span, or null when none is dated. */
export function fullSpan(incidents: readonly PlacedIncident[]): DaySpan | null {
  return datasetSpan(incidents.map((p) => p.feature));
}

/** The span the timeline shows: the whole when asked (`wholeSpan`), else the datasets' opening span. */
export function timelineSpan(state: Pick<ExplorerState, "wholeSpan">, opening: DaySpan | null, full: DaySpan | null): DaySpan | null {
  return state.wholeSpan ? full : (opening ?? full);
}

/** The filter but for its dates: what the timeline's histogram counts, whatever the brush picks. */
export function datelessFilter(filter: IncidentFilter): IncidentFilter {
  return { ...filter, from: undefined, to: undefined, includeUndated: undefined };
}

/** The incidents the filter allows but for its dates: the brush then picks among them. */
export function datelessFiltered(incidents: readonly PlacedIncident[], filter: IncidentFilter): PlacedIncident[] {
  return applyFilter(incidents, asFilterable, datelessFilter(filter));
}

/** The histogram of their dates over `span`; null when nothing is dated. */
export function timelineHistogram(dateless: readonly PlacedIncident[], span: DaySpan | null): DailyHistogram | null {
  return span ? dailyHistogram(dateless.map((p) => p.feature), span) : null;
}

// --- The timeline in steps, for the page to run in slices (components/layout/useSliced.ts) ---

/** The incidents' features, gathered in steps too: a million gathered at once took a 116 ms task (1M import trace). */
function* featureSteps(incidents: readonly PlacedIncident[]): Steps<IncidentFeature[]> {
  const features: IncidentFeature[] = [];
  for (let i = 0; i < incidents.length; i++) {
    features.push(incidents[i].feature);
    if (pauseAfter(i)) yield;
  }
  return features;
}

/** The timeline's frame: its phases as bands, the datasets' opening span and every day the incidents span. */
export interface TimelineFrame {
  phases: Phase[];
  opening: DaySpan | null;
  full: DaySpan | null;
}

/** timelinePhases, openingSpan and fullSpan together, in steps: each dataset's phases are worked out once. */
export function* timelineFrameSteps(incidents: readonly PlacedIncident[], datasets: readonly TimelineDataset[]): Steps<TimelineFrame> {
  const phases: Phase[] = [];
  let opening: DaySpan | null = null;
  for (const d of datasets) {
    const features = yield* featureSteps(d.incidents);
    const own = [...d.sieges.flatMap(siegePhases), ...(yield* phaseSteps(features))];
    phases.push(...own);
    const span = focusSpan(own, yield* datasetSpanSteps(features));
    if (span) opening = opening ? { from: minDay(opening.from, span.from), to: maxDay(opening.to, span.to) } : span;
  }
  return { phases, opening, full: yield* datasetSpanSteps(yield* featureSteps(incidents)) };
}

/** What the timeline's bars draw: the histogram over `span` of what `dateless` (datelessFilter) allows, and its undated. */
export interface TimelineBars {
  histogram: DailyHistogram | null;
  undatedTotal: number;
}

/** timelineHistogram and undatedCount of datelessFiltered, in steps. */
export function* timelineBarSteps(incidents: readonly PlacedIncident[], dateless: IncidentFilter, span: DaySpan | null): Steps<TimelineBars> {
  const allowed = yield* filterSteps(incidents, asFilterable, dateless);
  const histogram = span ? yield* dailyHistogramSteps(yield* featureSteps(allowed), span) : null;
  // In steps too: a million incidents' dates read in one go held the page's thread for 350 ms (1M import, CI).
  return { histogram, undatedTotal: yield* undatedSteps(allowed) };
}
