// What the page derives from the explorer's state and its incidents (components/explorer/selectors.ts): the
// one filtered set, the selected incident, the filter's counts, the distance bands, and the timeline's
// phases, span and histogram.
import { describe, expect, it } from "vitest";
import { measuredFrom, placeIncidents, type PlacedIncident } from "@/lib/incident/place";
import type { SiegeCollection } from "@/lib/incident/context-layers";
import { referenceFeature } from "@/lib/incident/reference";
import { stateFromUrl } from "@/components/explorer/state";
import * as select from "@/components/explorer/selectors";
import { whole } from "@/lib/incident/steps";
import { settled } from "@/components/explorer/useSlicedWhenLarge";
import { distanceBands } from "@/components/analysis/bands";
import { incident } from "../support/incidents";

// Three incidents of an offensive in August 2021 at Daraa al-Balad, one shelling two years before 12 km
// north, and one undated battle.
const INCIDENTS = placeIncidents([
  incident({ event_id: "A", event_date: "2021-08-01", phase: "offensive" }),
  incident({ event_id: "B", event_date: "2021-08-03", phase: "offensive", event_type: "Shelling" }),
  incident({ event_id: "C", event_date: "2021-08-05", phase: "offensive" }),
  incident({ event_id: "D", event_date: "2019-05-01", event_type: "Shelling" }, [36.100833, 32.72]),
  incident({ event_id: "E", event_date: null }),
]);
const byIdMap = new Map(INCIDENTS.map((p) => [p.feature.properties.event_id, p] as const));
const byId = (id: string) => byIdMap.get(id);
const ids = (list: readonly PlacedIncident[]) => list.map((p) => p.feature.properties.event_id);
const SIEGE: SiegeCollection = {
  type: "FeatureCollection",
  features: [{ type: "Feature", geometry: { type: "Polygon", coordinates: [[[36, 32], [36.2, 32], [36.2, 32.2], [36, 32]]] }, properties: { id: "s1", name: "Siege", valid_from: "2021-06-24", valid_to: "2021-09-06", geo_precision: 1 } }],
};

describe("the one filtered set", () => {
  const state = (search: string, bbox: [number, number, number, number] | null = [35, 32, 37, 33]) => ({ ...stateFromUrl(search), bbox });

  it("measures from the point in force, filters, then keeps what the map's view holds", () => {
    // 12 km north of Daraa al-Balad: D is 0 km from there, the others about 12 km.
    const north = referenceFeature([36.100833, 32.72]);
    const measured = measuredFrom(INCIDENTS, north);
    expect(measured.find((p) => p.feature.properties.event_id === "D")?.distance.km).toBeCloseTo(0, 6);
    expect(measured.find((p) => p.feature.properties.event_id === "A")?.distance.km).toBeCloseTo(12, 0);
    expect(measuredFrom(INCIDENTS, null)).toBe(INCIDENTS);

    // A filter that asks nothing keeps every incident: the same array, not a copy.
    expect(select.filteredIncidents(INCIDENTS, stateFromUrl("").filter)).toBe(INCIDENTS);
    expect(ids(select.filteredIncidents(INCIDENTS, stateFromUrl("?from=2021-01-01").filter))).toEqual(["A", "B", "C"]);
    const filtered = select.filteredIncidents(INCIDENTS, stateFromUrl("?types=Shelling").filter);
    expect(ids(filtered)).toEqual(["B", "D"]);
    // A box around Daraa al-Balad only: D, 12 km north, is out of view; none while the layer is off or before a view.
    expect(ids(whole(select.shownSteps(filtered, true, [36.05, 32.58, 36.15, 32.65])))).toEqual(["B"]);
    expect(whole(select.shownSteps(filtered, false, [36.05, 32.58, 36.15, 32.65]))).toEqual([]);
    expect(whole(select.shownSteps(filtered, true, null))).toEqual([]);
  });

  it("gives an export the view as it is now while a large set's list is still the last view's", () => {
    const filtered = select.filteredIncidents(INCIDENTS, stateFromUrl("?types=Shelling").filter);
    const daraa: [number, number, number, number] = [36.05, 32.58, 36.15, 32.65];
    // The list still holds the last view's (B and D); the view is now Daraa al-Balad's alone.
    const late = select.shownSet(filtered, filtered, false, true, daraa);
    expect(ids(late.shown)).toEqual(["B", "D"]);
    expect(ids(late.inView())).toEqual(["B"]);
    // Once the slices have finished, the export takes the very list shown.
    const done = select.shownSet(filtered, late.inView(), true, true, daraa);
    expect(done.inView()).toBe(done.shown);
    // The value finished in slices is current only for the arguments it was worked out of.
    const of = [filtered, true, daraa];
    expect(settled({ of, value: 1 }, [filtered, true, daraa], 0)).toEqual({ value: 1, current: true });
    expect(settled({ of, value: 1 }, [filtered, true, [35, 32, 37, 33]], 0)).toEqual({ value: 1, current: false });
    expect(settled(null, of, 0)).toEqual({ value: 0, current: false });
  });

  it("is worked out again only for what changed, and gives the same arrays otherwise", () => {
    const filteredSet = select.createFilteredSelector();
    const { filter } = state("?types=Battles");
    const first = filteredSet(INCIDENTS, null, filter, measuredFrom);
    expect(ids(first)).toEqual(["A", "C", "E"]);
    // The same inputs (what a map move passes): the very same array.
    expect(filteredSet(INCIDENTS, null, filter, measuredFrom)).toBe(first);
    // A new filter filters again.
    expect(ids(filteredSet(INCIDENTS, null, state("?types=Shelling").filter, measuredFrom))).toEqual(["B", "D"]);
  });
});

describe("selectedIncident", () => {
  it("is the filtered incident while the filter shows it, else the loaded one, else none", () => {
    const filtered = placeIncidents([incident({ event_id: "A", distance_km: 1.5 })]);
    expect(select.selectedIncident({ selectedId: "A" }, filtered, byId)).toBe(filtered[0]);
    expect(select.selectedIncident({ selectedId: "D" }, filtered, byId)).toBe(byIdMap.get("D"));
    expect(select.selectedIncident({ selectedId: "NOPE" }, filtered, byId)).toBeNull();
    expect(select.selectedIncident({ selectedId: null }, filtered, byId)).toBeNull();
  });
});

describe("filterCounts", () => {
  it("counts each type among the incidents the rest of the filter allows", () => {
    const state = stateFromUrl("?types=Battles&from=2021-01-01");
    const counts = select.filterCounts(INCIDENTS, state);
    // Dated from 2021 (undated ones not included by default): A and C are battles, B shelling; D is before.
    expect(Object.fromEntries(counts.types)).toMatchObject({ Battles: 2, Shelling: 1, Riots: 0 });
  });
});

describe("distanceBands", () => {
  const reference = referenceFeature([36.100833, 32.612222]);
  const features = INCIDENTS.map((p) => p.feature);

  it("counts the incidents per band from the reference while the rings are shown", () => {
    const bands = distanceBands({ layers: { rings: true } }, features, reference);
    expect(bands?.reduce((n, b) => n + b.incidents, 0)).toBe(5);
    // D is 12 km north (0.107778° of latitude, about 12.0 km): in "10–15 km"; the rest at the reference.
    expect(bands?.find((b) => b.incidents === 1)).toMatchObject({ fromKm: 10 });
    expect(bands?.[0].incidents).toBe(4);
  });

  it("is null while the rings are off, or with no reference", () => {
    expect(distanceBands({ layers: { rings: false } }, features, reference)).toBeNull();
    expect(distanceBands({ layers: { rings: true } }, features, null)).toBeNull();
  });
});

describe("the timeline", () => {
  const datasets = [{ incidents: INCIDENTS, sieges: [SIEGE] }];

  it("draws the siege and the incidents' phases as bands", () => {
    expect(select.timelinePhases(datasets).map((p) => [p.id, p.from, p.to])).toEqual([
      ["siege:s1", "2021-06-24", "2021-09-06"],
      ["phase:offensive", "2021-08-01", "2021-08-05"],
    ]);
  });

  it("opens on the siege and the offensive, or on the whole span when asked or when a dataset has neither", () => {
    const opening = select.openingSpan(datasets);
    const full = select.fullSpan(INCIDENTS);
    expect(opening).toEqual({ from: "2021-06-24", to: "2021-09-06" });
    expect(full).toEqual({ from: "2019-05-01", to: "2021-08-05" });
    expect(select.timelineSpan({ wholeSpan: false }, opening, full)).toBe(opening);
    expect(select.timelineSpan({ wholeSpan: true }, opening, full)).toBe(full);
    expect(select.openingSpan([{ incidents: INCIDENTS.slice(3), sieges: [] }])).toEqual({ from: "2019-05-01", to: "2019-05-01" });
    expect(select.timelineSpan({ wholeSpan: false }, null, full)).toBe(full);
  });

  it("counts every date the other filters allow, whatever the range, and the undated apart", () => {
    const filter = { types: ["Battles"], from: "2021-08-02", to: "2021-08-02" };
    const dateless = select.datelessFiltered(INCIDENTS, filter);
    expect(ids(dateless)).toEqual(["A", "C", "E"]);
    expect(select.undatedCount(dateless)).toBe(1);
    expect(whole(select.undatedSteps(dateless))).toBe(1);
    // Past a pause (every STEP items) too.
    expect(whole(select.undatedSteps(Array.from({ length: 5000 }, () => dateless).flat()))).toBe(5000);
    const histogram = select.timelineHistogram(dateless, { from: "2021-08-01", to: "2021-08-05" });
    const dated = histogram?.bins.filter((b) => Object.values(b.byType).some((n) => n > 0));
    expect(dated?.map((b) => [b.day, b.byType.Battles])).toEqual([
      ["2021-08-01", 1],
      ["2021-08-05", 1],
    ]);
    expect(histogram?.undated).toBe(1);
    expect(select.timelineHistogram(dateless, null)).toBeNull();
  });
});

describe("shownAreas", () => {
  it("leaves out the context areas switched off", () => {
    const areas = [{ key: "saved:a/x" }, { key: "saved:a/y" }];
    expect(select.shownAreas(areas, { contextOff: ["saved:a/x"] })).toEqual([{ key: "saved:a/y" }]);
  });
});
