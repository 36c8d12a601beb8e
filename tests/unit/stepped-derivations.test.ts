// The page's derived data worked out in steps (lib/incident/steps.ts, run in slices by
// components/layout/useSliced.ts) give what the whole computations give: the filter's counts, the timeline's
// frame and bars, and the list's first rows, which are the first rows of sorting every incident.
import { describe, expect, it } from "vitest";
import { placeIncidents, type PlacedIncident } from "@/lib/incident/place";
import { STEP, whole, type Steps } from "@/lib/incident/steps";
import * as select from "@/components/explorer/selectors";
import { firstRowSteps, type Sort } from "@/components/details/list-rows";
import { EVENT_TYPES } from "@/lib/incident/model";
import { incident } from "../support/incidents";

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

// Enough incidents for several pauses, with repeated dates, types and fatalities, some undated, a phase.
const rand = rng(7);
const INCIDENTS: PlacedIncident[] = placeIncidents(
  Array.from({ length: 3 * STEP + 17 }, (_, i) =>
    incident(
      {
        event_id: `E${(i * 7919) % 100_000}`,
        event_date: rand() < 0.05 ? null : `2021-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 10)}`,
        event_type: EVENT_TYPES[Math.floor(rand() * EVENT_TYPES.length)],
        fatalities: Math.floor(rand() * 4),
        actor1: `Actor ${Math.floor(rand() * 5)}`,
        ...(i % 100 === 0 ? { phase: "offensive" } : {}),
      },
      [36 + rand(), 32 + rand()],
    ),
  ),
);
const ids = (list: readonly PlacedIncident[]) => list.map((p) => p.feature.properties.event_id);

/** Runs `steps` and counts its pauses. */
function paused<T>(steps: Steps<T>): { value: T; pauses: number } {
  let pauses = 0;
  for (;;) {
    const r = steps.next();
    if (r.done) return { value: r.value, pauses };
    pauses++;
  }
}

describe("derived data in steps", () => {
  it("the filter's counts are filterCounts', after pausing", () => {
    const filter = { types: ["Battles"], from: "2021-03-01" };
    const { value, pauses } = paused(select.filterCountSteps(INCIDENTS, filter));
    expect(pauses).toBeGreaterThanOrEqual(3);
    expect(value).toEqual(select.filterCounts(INCIDENTS, { filter }));
  });

  it("the timeline's frame and bars are the selectors' phases, spans, histogram and undated count", () => {
    const datasets = [{ incidents: INCIDENTS, sieges: [] }];
    const frame = whole(select.timelineFrameSteps(INCIDENTS, datasets));
    expect(frame).toEqual({ phases: select.timelinePhases(datasets), opening: select.openingSpan(datasets), full: select.fullSpan(INCIDENTS) });
    const filter = { actors: ["Actor 1"], from: "2021-02-01", to: "2021-02-28" };
    const span = select.timelineSpan({ wholeSpan: true }, frame.opening, frame.full);
    const bars = whole(select.timelineBarSteps(INCIDENTS, select.datelessFilter(filter), span));
    const dateless = select.datelessFiltered(INCIDENTS, filter);
    expect(bars).toEqual({ histogram: select.timelineHistogram(dateless, span), undatedTotal: select.undatedCount(dateless) });
    expect(bars.undatedTotal).toBeGreaterThan(0);
  });

  it("the timeline's bars pause in every pass: the filter, the features gathered, the histogram and the undated count", () => {
    // With no span there is no histogram: the filter's pauses and the undated count's are all there is.
    const steps = select.timelineBarSteps(INCIDENTS, {}, null);
    let pauses = 0;
    while (!steps.next().done) pauses++;
    expect(pauses).toBeGreaterThanOrEqual(2 * Math.floor(INCIDENTS.length / STEP));
    // With a span: the filter, gathering the features, the histogram and the undated count each pause.
    const withSpan = select.timelineBarSteps(INCIDENTS, {}, { from: "2021-01-01", to: "2021-12-31" });
    let spanPauses = 0;
    while (!withSpan.next().done) spanPauses++;
    expect(spanPauses).toBeGreaterThanOrEqual(4 * Math.floor(INCIDENTS.length / STEP));
  });
});

describe("the list's first rows", () => {
  const sorts: Sort[] = [
    { key: "date", dir: 1 },
    { key: "date", dir: -1 },
    { key: "fatalities", dir: -1 },
    { key: "distance", dir: 1 },
  ];

  it.each(sorts)("are the first of every incident sorted (%o)", (sort) => {
    // The reference: sort them all, by the key, undated last, then by event_id.
    const key = (p: PlacedIncident) => (sort.key === "distance" ? p.distance.km : sort.key === "fatalities" ? p.feature.properties.fatalities : p.feature.properties.event_date);
    const all = [...INCIDENTS].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      if (x !== y) {
        if (x === null) return 1;
        if (y === null) return -1;
        return (x < y ? -1 : 1) * sort.dir;
      }
      return a.feature.properties.event_id < b.feature.properties.event_id ? -1 : 1;
    });
    for (const limit of [1, 10, 500, INCIDENTS.length + 5]) expect(ids(whole(firstRowSteps(INCIDENTS, sort, limit)))).toEqual(ids(all.slice(0, limit)));
  });

  it("pause while they pick", () => {
    expect(paused(firstRowSteps(INCIDENTS, { key: "date", dir: 1 })).pauses).toBeGreaterThanOrEqual(3);
    expect(whole(firstRowSteps([], { key: "date", dir: 1 }))).toEqual([]);
  });
});
