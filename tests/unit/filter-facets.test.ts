// A file's own facets (FACET_KEYS_PROPERTY): the filter's predicate, the counts beside each value, and the
// `facet.KEY` parameters a link keeps them in.
import { describe, expect, it } from "vitest";
import type { Position } from "geojson";
import type { IncidentProperties } from "@/lib/incident/model";
import { applyFilter, incidentFacetValues, type IncidentFilter } from "@/lib/incident/filter";
import { facetCounts } from "@/lib/incident/facets";
import { describeFilter } from "@/lib/export/describe-filter";
import { parseFilterParams, readFilterParams, writeFilterParams } from "@/lib/url/filter-params";
import { readLink } from "@/lib/url/state";
import { ParamError } from "@/lib/url/params";
import { incidentProperties } from "../support/incidents";

interface Item {
  properties: IncidentProperties;
  anchor: Position | null;
}

const AT: Position = [36.1, 32.61];
const WEAPON = "Weapon System";
const AREA = "Type of area affected";
const item = (event_id: string, extra: Record<string, unknown>, fatalities = 0): Item => ({ properties: incidentProperties({ event_id, fatalities, ...extra }), anchor: AT });

const ITEMS: Item[] = [
  item("A", { [WEAPON]: "Artillery", [AREA]: "Residential; Commercial", facet_keys: `${WEAPON}; ${AREA}` }, 2),
  item("B", { [WEAPON]: "Rocket", [AREA]: "Residential", facet_keys: `${WEAPON}; ${AREA}` }),
  item("C", { [WEAPON]: "Artillery", facet_keys: `${WEAPON}; ${AREA}` }, 1),
  // The same name as a plain kept column of another dataset: not declared, so not a facet.
  item("D", { [WEAPON]: "Artillery" }),
  item("E", {}),
];
const get = (i: Item) => i;
const ids = (filter: IncidentFilter) => applyFilter(ITEMS, get, filter).map((i) => i.properties.event_id);

describe("facet filter", () => {
  it("matches an incident one of whose values is ticked, for every facet given", () => {
    expect(ids({ facets: { [WEAPON]: ["Artillery"] } })).toEqual(["A", "C"]);
    expect(ids({ facets: { [AREA]: ["Commercial"] } })).toEqual(["A"]);
    expect(ids({ facets: { [AREA]: ["Residential"] } })).toEqual(["A", "B"]);
    expect(ids({ facets: { [WEAPON]: ["Artillery", "Rocket"], [AREA]: ["Residential"] } })).toEqual(["A", "B"]);
    expect(ids({ facets: { [WEAPON]: ["Artillery"] }, fatalities: "none" })).toEqual([]);
  });

  it("lets an empty list or no facets through, and a value the data lacks matches nothing", () => {
    expect(ids({ facets: { [WEAPON]: [] } })).toEqual(["A", "B", "C", "D", "E"]);
    expect(ids({})).toEqual(["A", "B", "C", "D", "E"]);
    expect(ids({ facets: { [WEAPON]: ["Drone"] } })).toEqual([]);
    expect(incidentFacetValues(ITEMS[3].properties, WEAPON)).toEqual([]);
  });
});

describe("facet counts", () => {
  it("counts each value with the other filters applied, listing every facet of the data", () => {
    const c = facetCounts(ITEMS, get, {});
    expect([...c.fileFacets.keys()]).toEqual([WEAPON, AREA]);
    expect([...c.fileFacets.get(WEAPON)!]).toEqual([["Artillery", 2], ["Rocket", 1]]);
    expect([...c.fileFacets.get(AREA)!]).toEqual([["Residential", 2], ["Commercial", 1]]);
  });

  it("counts a facet's values without its own ticks (what ticking another would give), and with the others'", () => {
    const c = facetCounts(ITEMS, get, { facets: { [WEAPON]: ["Rocket"] }, fatalities: "some" });
    // Weapon System's own tick is skipped; fatalities still apply: A and C have some.
    expect([...c.fileFacets.get(WEAPON)!]).toEqual([["Artillery", 2], ["Rocket", 0]]);
    // The area counts see the Rocket tick and the fatalities: B has none, so 0, values still listed.
    expect([...c.fileFacets.get(AREA)!]).toEqual([["Commercial", 0], ["Residential", 0]]);
    // And the fixed facets see the facet tick: only B is a rocket, with no fatalities.
    expect(c.fatalities).toEqual({ some: 0, none: 1 });
  });

  it("is named in an export's filters", () => {
    expect(describeFilter({ facets: { [WEAPON]: ["Rocket", "Artillery"], [AREA]: [] } })).toEqual({ facets: { [WEAPON]: ["Artillery", "Rocket"] } });
  });
});

describe("facet parameters", () => {
  it("round-trips through a link, one parameter per facet, names with commas and percent signs intact", () => {
    const filter: IncidentFilter = { types: ["Battles"], facets: { [WEAPON]: ["Rocket", "Artillery, heavy"], [AREA]: ["100% residential"] } };
    const params = new URLSearchParams("map=11/32.6/36.1&facet.Old=x");
    writeFilterParams(filter, params);
    expect(params.get("facet.Old")).toBeNull();
    expect(params.get(`facet.${WEAPON}`)).toBe("Artillery%2C heavy,Rocket");
    const back = readLink(`?${params.toString()}`);
    expect(back.dropped).toEqual([]);
    expect(back.filter).toEqual({ types: ["Battles"], facets: { [AREA]: ["100% residential"], [WEAPON]: ["Artillery, heavy", "Rocket"] } });
    // One filter, one URL: writing what was read gives the same query.
    const again = new URLSearchParams();
    writeFilterParams(back.filter, again);
    const once = new URLSearchParams();
    writeFilterParams(filter, once);
    expect(again.toString()).toBe(once.toString());
  });

  it("drops a bad facet parameter on the page and keeps the rest", () => {
    const { filter, dropped } = readFilterParams(new URLSearchParams(`facet.__proto__=x&facet.=y&facet.${WEAPON}=Rocket&facet.${WEAPON}=Drone&facet.${AREA}=Residential`));
    expect(filter).toEqual({ facets: { [AREA]: ["Residential"] } });
    expect(dropped.map((d) => d.field)).toEqual(["facet.__proto__", "facet.", `facet.${WEAPON}`]);
    expect(Object.getPrototypeOf(filter.facets)).toBe(Object.prototype);
  });

  it("is refused by the API, whose stored datasets are filtered in SQL without facets", () => {
    expect(() => parseFilterParams(new URLSearchParams(`facet.${WEAPON}=Rocket`))).toThrow(ParamError);
    expect(() => parseFilterParams(new URLSearchParams(`facet.${WEAPON}=Rocket`))).toThrow(/facet\.Weapon System/);
  });
});
