// lib/build/synth.ts: deterministic ACLED-like incidents across Syria.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { EVENT_TYPES } from "@/lib/incident/model";
import { incidentIssues } from "@/lib/incident/validate";
import { isDay } from "@/lib/incident/days";
import { cities500Path } from "@/lib/build/cities500";
import { parseGeonamesTowns, synthesizeIncidents, SYRIA_BBOX, type Town } from "@/lib/build/synth";

const towns = parseGeonamesTowns(readFileSync(cities500Path(), "utf8"));

describe("parseGeonamesTowns", () => {
  it("reads Syria's towns from GeoNames' cities500 with population and ACLED governorates", () => {
    expect(towns.length).toBeGreaterThan(250);
    const aleppo = towns.find((t) => t.name === "Aleppo");
    expect(aleppo).toMatchObject({ admin1: "Aleppo" });
    expect(aleppo!.population).toBeGreaterThan(1_000_000);
    expect(towns.find((t) => t.name === "Dar'a")).toMatchObject({ admin1: "Daraa" });
    const governorates = new Set(towns.map((t) => t.admin1));
    expect(governorates.size).toBe(14);
    for (const g of governorates) expect(g).not.toMatch(/^\d+$/);
  });

  it("skips other countries and malformed lines", () => {
    const line = (cc: string, lat: string) =>
      ["1", "Name", "Name", "", lat, "36.1", "P", "PPL", cc, "", "06", "", "", "", "1234", "", "", "Asia/Damascus", ""].join("\t");
    expect(parseGeonamesTowns([line("SY", "32.6"), line("IL", "32.6"), line("SY", "x"), "short\tline"].join("\n"))).toEqual([
      { name: "Name", lng: 36.1, lat: 32.6, population: 1234, admin1: "Daraa" },
    ]);
  });
});

describe("synthesizeIncidents", () => {
  const fc = synthesizeIncidents({ count: 20_000, seed: 1, towns });

  it("is deterministic for a seed and differs between seeds", () => {
    expect(synthesizeIncidents({ count: 2_000, seed: 42, towns })).toEqual(synthesizeIncidents({ count: 2_000, seed: 42, towns }));
    expect(synthesizeIncidents({ count: 2_000, seed: 1, towns }).features).toEqual(
      synthesizeIncidents({ count: 2_000, seed: 1, towns }).features,
    );
    expect(JSON.stringify(synthesizeIncidents({ count: 500, seed: 2, towns }))).not.toBe(
      JSON.stringify(synthesizeIncidents({ count: 500, seed: 3, towns })),
    );
  });

  it("makes exactly count incidents with unique ids, in date order", () => {
    expect(fc.type).toBe("FeatureCollection");
    expect(fc.features).toHaveLength(20_000);
    expect(new Set(fc.features.map((f) => f.properties.event_id)).size).toBe(20_000);
    const dates = fc.features.map((f) => f.properties.event_date as string);
    expect(dates.every((d, i) => i === 0 || dates[i - 1] <= d)).toBe(true);
    expect(synthesizeIncidents({ count: 0, seed: 1, towns }).features).toEqual([]);
    expect(synthesizeIncidents({ count: 1, seed: 1, towns }).features).toHaveLength(1);
  });

  it("puts every incident inside Syria's bbox", () => {
    const [west, south, east, north] = SYRIA_BBOX;
    const outside = fc.features.filter((f) => {
      const [lng, lat] = f.geometry.coordinates;
      return f.geometry.type !== "Point" || !(lng >= west && lng <= east && lat >= south && lat <= north);
    });
    expect(outside).toEqual([]);
  });

  it("gives valid incident properties (the project's validator finds no issue)", () => {
    const sample = { ...fc, features: fc.features.slice(0, 3_000) };
    expect(incidentIssues(sample)).toEqual([]);
    // Every feature, by the same rules, without an `expect` per field (20k × 12 would be slow).
    const invalid = fc.features.filter(({ properties: p }) => !(
      isDay(p.event_date) && p.event_date >= "2011-01-01" && p.event_date <= "2024-12-31" &&
      (EVENT_TYPES as readonly string[]).includes(p.event_type) && p.sub_event_type.length > 0 &&
      p.actor1.length > 0 && (p.actor2 === undefined || p.actor2.length > 0) &&
      Number.isInteger(p.fatalities) && p.fatalities >= 0 &&
      [1, 2, 3].includes(p.time_precision) && [1, 2, 3].includes(p.geo_precision) &&
      p.source === "synthetic" && p.source_quote === "" && p.location.length > 0 && p.admin1.length > 0 &&
      p.notes.length > 0
    ));
    expect(invalid).toEqual([]);
  });

  it("looks like ACLED: skewed fatalities, all six types, many events on a town's exact centroid", () => {
    const props = fc.features.map((f) => f.properties);
    const zero = props.filter((p) => p.fatalities === 0).length / props.length;
    expect(zero).toBeGreaterThan(0.55);
    expect(zero).toBeLessThan(0.85);
    expect(Math.max(...props.map((p) => p.fatalities))).toBeGreaterThan(20);
    expect(new Set(props.map((p) => p.event_type))).toEqual(new Set(EVENT_TYPES));
    const years = new Set(props.map((p) => p.event_date!.slice(0, 4)));
    expect(years.size).toBe(14);

    const byName = new Map<string, Town>(towns.map((t) => [t.name, t]));
    const atCentroid = fc.features.filter((f) => {
      const t = byName.get(f.properties.location);
      return t !== undefined && f.geometry.coordinates[0] === t.lng && f.geometry.coordinates[1] === t.lat;
    });
    expect(atCentroid.every((f) => f.properties.geo_precision !== 2)).toBe(true);
    expect(atCentroid.length / fc.features.length).toBeGreaterThan(0.6);
    const jittered = fc.features.filter((f) => f.properties.geo_precision === 2);
    expect(jittered.length / fc.features.length).toBeGreaterThan(0.15);
    const distinct = new Set(fc.features.map((f) => f.geometry.coordinates.join(","))).size;
    expect(distinct).toBeLessThan(fc.features.length / 2);
  });

  it("rejects a bad count, seed or empty towns with a clear message", () => {
    expect(() => synthesizeIncidents({ count: -1, seed: 1, towns })).toThrow("count must be a whole number ≥ 0, got -1");
    expect(() => synthesizeIncidents({ count: 1.5, seed: 1, towns })).toThrow("count");
    expect(() => synthesizeIncidents({ count: 1, seed: Number.NaN, towns })).toThrow("seed must be an integer, got NaN");
    expect(() => synthesizeIncidents({ count: 1, seed: 1, towns: [] })).toThrow("towns");
  });

  it("generates 100k in a few seconds", () => {
    const t0 = performance.now();
    const big = synthesizeIncidents({ count: 100_000, seed: 1, towns });
    expect(big.features).toHaveLength(100_000);
    expect(performance.now() - t0).toBeLessThan(8_000); // ~0.7 s alone; headroom for a busy CI
  });
});
