import { describe, expect, it } from "vitest";
import type { Position } from "geojson";
import type { IncidentProperties } from "@/lib/incident/model";
import { applyFilter, filterIsEmpty, matches, type IncidentFilter } from "@/lib/incident/filter";
import { facetCounts } from "@/lib/incident/facets";
import { describeFilter } from "@/lib/export/describe-filter";
import { writeFilterParams } from "@/lib/url/filter-params";
import { incidentProperties } from "../support/incidents";

const GOV = "Military Forces of Syria (2000-2024)";
const REBELS = "Rebel fighters (Daraa)";
const GUNMEN = "Unidentified Armed Group (Syria)";

const props = (overrides: Partial<IncidentProperties> & { event_id: string }): IncidentProperties => incidentProperties({ actor1: GOV, ...overrides });

interface Item {
  properties: IncidentProperties;
  anchor: Position | null;
}

const AT_DARAA: Position = [36.1, 32.61];
const AT_TAFAS: Position = [35.99, 32.74];

const ITEMS: Item[] = [
  { properties: props({ event_id: "A", event_date: "2021-07-29", actor2: REBELS, fatalities: 2 }), anchor: AT_DARAA },
  { properties: props({ event_id: "B", event_date: "2021-07-30", event_date_end: "2021-07-31", time_precision: 2, event_type: "Strategic developments", sub_event_type: "Agreement", actor2: REBELS }), anchor: AT_DARAA },
  { properties: props({ event_id: "C", event_date: "2021-08-15", event_type: "Explosions/Remote violence", sub_event_type: "Shelling/artillery/missile attack", fatalities: 1, geo_precision: 2 }), anchor: AT_TAFAS },
  { properties: props({ event_id: "D", event_date: "2021-09-01", event_date_end: "2021-09-05", time_precision: 2, actor1: GUNMEN, actor2: GOV, fatalities: 3, geo_precision: 3 }), anchor: [36.1, 32.65] },
  { properties: props({ event_id: "E", event_date: null, time_precision: 3, event_type: "Strategic developments", sub_event_type: "Other" }), anchor: AT_DARAA },
  { properties: props({ event_id: "F", event_date: "2021-08-20", actor1: REBELS, event_type: "Violence against civilians", sub_event_type: "Attack" }), anchor: null },
];

const get = (item: Item) => item;
const ids = (filter: IncidentFilter, items: readonly Item[] = ITEMS) => applyFilter(items, get, filter).map((i) => i.properties.event_id);
const byId = (id: string) => ITEMS.find((i) => i.properties.event_id === id)!;

describe("date range", () => {
  it("is inclusive at both ends for single days", () => {
    expect(ids({ from: "2021-07-29", to: "2021-07-29" })).toEqual(["A"]);
    expect(ids({ from: "2021-08-15", to: "2021-08-15" })).toEqual(["C"]);
    expect(ids({ from: "2021-07-28", to: "2021-07-28" })).toEqual([]);
  });

  it("matches a range that overlaps only at the filter's first or last day", () => {
    // B is 30–31 July.
    expect(matches(byId("B").properties, null, { from: "2021-07-31", to: "2021-08-10" })).toBe(true);
    expect(matches(byId("B").properties, null, { from: "2021-07-20", to: "2021-07-30" })).toBe(true);
    expect(matches(byId("B").properties, null, { from: "2021-08-01", to: "2021-08-10" })).toBe(false);
    expect(matches(byId("B").properties, null, { from: "2021-07-20", to: "2021-07-29" })).toBe(false);
  });

  it("matches a range partly inside, or wholly containing the filter", () => {
    // D is 1–5 September.
    expect(ids({ from: "2021-09-03", to: "2021-09-30" })).toEqual(["D"]);
    expect(ids({ from: "2021-09-02", to: "2021-09-02" })).toEqual(["D"]);
  });

  it("takes open ends: only from, or only to", () => {
    expect(ids({ from: "2021-08-20" })).toEqual(["D", "F"]);
    expect(ids({ to: "2021-07-30" })).toEqual(["A", "B"]);
  });

  it("keeps undated incidents without a range, and within a range only with includeUndated", () => {
    expect(ids({})).toEqual(["A", "B", "C", "D", "E", "F"]);
    expect(ids({ includeUndated: false })).toContain("E");
    expect(ids({ from: "2021-07-01", to: "2021-12-31" })).not.toContain("E");
    expect(ids({ from: "2021-07-01", to: "2021-12-31", includeUndated: true })).toContain("E");
    expect(ids({ to: "2021-07-29", includeUndated: true })).toEqual(["A", "E"]);
  });

  it("compares calendar days, whatever the process's time zone", () => {
    const original = process.env.TZ;
    try {
      const results = ["Pacific/Kiritimati", "America/Anchorage", "UTC"].map((zone) => {
        process.env.TZ = zone;
        return [ids({ from: "2021-07-31", to: "2021-07-31" }), ids({ from: "2021-09-05" })];
      });
      for (const r of results) expect(r).toEqual([["B"], ["D"]]);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});

describe("facets", () => {
  it("filters by event type; empty means all", () => {
    expect(ids({ types: ["Strategic developments"] })).toEqual(["B", "E"]);
    expect(ids({ types: ["Battles", "Explosions/Remote violence"] })).toEqual(["A", "C", "D"]);
    expect(ids({ types: [] })).toHaveLength(ITEMS.length);
  });

  it("filters by actor in actor1 or actor2", () => {
    expect(ids({ actors: [REBELS] })).toEqual(["A", "B", "F"]);
    expect(ids({ actors: [GUNMEN] })).toEqual(["D"]);
    expect(ids({ actors: [GOV] })).toEqual(["A", "B", "C", "D", "E"]); // D has the government as actor2
    expect(ids({ actors: ["Nobody"] })).toEqual([]);
  });

  it("filters by fatalities: some (at least one) or none", () => {
    expect(ids({ fatalities: "some" })).toEqual(["A", "C", "D"]);
    expect(ids({ fatalities: "none" })).toEqual(["B", "E", "F"]);
  });

  it("filters by geo precision", () => {
    expect(ids({ geoPrecision: [2, 3] })).toEqual(["C", "D"]);
    expect(ids({ geoPrecision: [1] })).toEqual(["A", "B", "E", "F"]);
  });

  it("filters by bbox: the marker anchor in it (edges count); an item placed nowhere never matches a bbox", () => {
    expect(ids({ bbox: [36.0, 32.6, 36.2, 32.7] })).toEqual(["A", "B", "D", "E"]);
    expect(ids({ bbox: [36.1, 32.61, 36.2, 32.7] })).toContain("A"); // on the west/south edge
    expect(ids({ bbox: [-10, -10, 10, 10] })).toEqual([]);
    expect(ids({})).toContain("F");
  });

  it("combines every part with AND", () => {
    expect(ids({ from: "2021-07-29", to: "2021-08-31", types: ["Battles"], fatalities: "some", actors: [REBELS], geoPrecision: [1] })).toEqual(["A"]);
  });

  it("does not mutate its inputs", () => {
    const filter: IncidentFilter = { types: ["Battles"], actors: [REBELS] };
    const snapshot = JSON.stringify([ITEMS, filter]);
    applyFilter(ITEMS, get, filter);
    facetCounts(ITEMS, get, filter);
    describeFilter(filter);
    writeFilterParams(filter, new URLSearchParams());
    expect(JSON.stringify([ITEMS, filter])).toBe(snapshot);
  });
});

describe("a file's own categories", () => {
  const OWN: Item[] = [
    ...ITEMS,
    { properties: props({ event_id: "S1", event_date: "2021-08-02", event_type: "Shelling", fatalities: 1 }), anchor: AT_TAFAS },
    { properties: props({ event_id: "S2", event_date: "2021-09-10", event_type: "Shelling" }), anchor: AT_TAFAS },
    { properties: props({ event_id: "U1", event_date: "2021-08-02", event_type: "Unclassified" }), anchor: AT_DARAA },
    { properties: props({ event_id: "H1", event_date: "2021-08-02", event_type: "<img src=x onerror=alert(1)>" }), anchor: AT_DARAA },
  ];
  it("filter like ACLED's, alone or together; one the data lacks matches nothing", () => {
    expect(ids({ types: ["Shelling"] }, OWN)).toEqual(["S1", "S2"]);
    expect(ids({ types: ["Unclassified", "Battles"] }, OWN)).toEqual(["A", "D", "U1"]);
    expect(ids({ types: ["<img src=x onerror=alert(1)>"] }, OWN)).toEqual(["H1"]);
    expect(ids({ types: ["Skirmish"] }, OWN)).toEqual([]);
    expect(ids({ types: ["shelling"] }, OWN)).toEqual([]); // a category's name exactly, case included
  });
  it("are counted after ACLED's six, each listed even at 0 so a ticked one never vanishes", () => {
    const c = facetCounts(OWN, get, { fatalities: "some" });
    expect([...c.types.keys()]).toEqual([
      "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments",
      "Shelling", "Unclassified", "<img src=x onerror=alert(1)>",
    ]);
    expect(c.types.get("Shelling")).toBe(1);
    expect(c.types.get("Unclassified")).toBe(0);
  });
  it("are recorded in an export's filters and a link in canonical order: ACLED's first, then by code unit", () => {
    expect(describeFilter({ types: ["Shelling", "Riots", "Airstrike", "Battles", "Shelling"] }).types).toEqual(["Battles", "Riots", "Airstrike", "Shelling"]);
  });
});

describe("facetCounts", () => {
  it("with no filter counts every value, zeros included", () => {
    const c = facetCounts(ITEMS, get, {});
    expect(c.types.get("Battles")).toBe(2);
    expect(c.types.get("Strategic developments")).toBe(2);
    expect(c.types.get("Riots")).toBe(0);
    expect([...c.types.keys()]).toHaveLength(6);
    expect(c.fatalities).toEqual({ some: 3, none: 3 });
    expect([...c.geoPrecision]).toEqual([[1, 4], [2, 1], [3, 1]]);
    // Each incident counts once per distinct actor; sorted by count, then name.
    expect([...c.actors]).toEqual([[GOV, 5], [REBELS, 3], [GUNMEN, 1]]);
  });

  it("computes each facet with the OTHER facets applied, not its own", () => {
    const filter: IncidentFilter = { types: ["Battles"], fatalities: "some" };
    const c = facetCounts(ITEMS, get, filter);
    // Types ignore the type filter but apply fatalities=some: A, C, D.
    expect(c.types.get("Battles")).toBe(2);
    expect(c.types.get("Explosions/Remote violence")).toBe(1);
    expect(c.types.get("Strategic developments")).toBe(0);
    // Fatalities ignore their own filter but apply types=Battles: A (2), D (3).
    expect(c.fatalities).toEqual({ some: 2, none: 0 });
    // Actors and precision apply both: A and D.
    expect(c.actors.get(GOV)).toBe(2);
    expect(c.actors.get(REBELS)).toBe(1);
    expect(c.actors.get(GUNMEN)).toBe(1);
    expect([...c.geoPrecision]).toEqual([[1, 1], [2, 0], [3, 1]]);
  });

  it("says what ticking a box gives: the count equals the filtered result with that value added", () => {
    const filter: IncidentFilter = { actors: [REBELS] };
    const c = facetCounts(ITEMS, get, filter);
    expect(c.actors.get(GUNMEN)).toBe(ids({ actors: [GUNMEN] }).length);
    expect(c.types.get("Battles")).toBe(ids({ actors: [REBELS], types: ["Battles"] }).length);
  });

  it("always applies the date range and bbox, and lists actors that drop to zero", () => {
    const c = facetCounts(ITEMS, get, { from: "2021-09-01", to: "2021-09-30" });
    expect(c.actors.get(GUNMEN)).toBe(1);
    expect(c.actors.get(REBELS)).toBe(0);
    expect(c.types.get("Battles")).toBe(1);
    expect(c.fatalities).toEqual({ some: 1, none: 0 });
  });
});

describe("describeFilter", () => {
  it("is {} for no filter", () => {
    expect(describeFilter({})).toEqual({});
  });

  it("records the constraints in force as plain JSON, with includeUndated only alongside a date range", () => {
    const filter: IncidentFilter = { from: "2021-08-01", types: ["Riots", "Battles"], bbox: [36, 32, 37, 33], fatalities: "none", geoPrecision: [] };
    const d = describeFilter(filter);
    expect(d).toEqual({ from: "2021-08-01", includeUndated: false, types: ["Battles", "Riots"], fatalities: "none", bbox: [36, 32, 37, 33] });
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    expect(describeFilter({ includeUndated: true })).toEqual({});
  });
});

describe("filterIsEmpty", () => {
  it("says a filter lets every incident through exactly when applyFilter keeps them all", () => {
    const filters: IncidentFilter[] = [
      {},
      { includeUndated: true },
      { types: [], actors: [], geoPrecision: [], facets: { tag: [] } },
      { from: "2021-01-01" },
      { to: "2030-01-01" },
      { types: ["Battles"] },
      { actors: [GOV] },
      { fatalities: "none" },
      { geoPrecision: [1] },
      { facets: { tag: ["x"] } },
      { bbox: [35, 32, 37, 33] },
    ];
    for (const f of filters) {
      // Every part that is set removes one of ITEMS at least (F has no anchor; only C has geo_precision 2…).
      const all = applyFilter(ITEMS, (i) => i, f).length === ITEMS.length;
      expect([f, filterIsEmpty(f)]).toEqual([f, all]);
    }
  });
});
