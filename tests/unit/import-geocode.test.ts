// CSV rows placed by name: unique places batched through the callback, ambiguous and unresolved places
// reported and never placed, the geocoder's answer validated like any other input.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importFile, ImportError, placeQuery, placeQueryKey, type GeocodeAnswer, type GeocodeBatch } from "@/lib/import";
import { geocodeRows } from "@/lib/import/geocoding";
import { DEFAULT_LIMITS } from "@/lib/import/limits";
import type { PendingPlace, PlaceContext, PlaceQuery } from "@/lib/import/types";
import { WarningLog } from "@/lib/import/warnings";
import { assertIncidentCollection } from "@/lib/incident/validate";
import { answer, candidate, offlineGeocoder } from "../support/geocode";

const FIXTURES = join(__dirname, "../fixtures/import");
const places = new Uint8Array(readFileSync(join(FIXTURES, "places.csv")));

const resolved = (name: string, coordinates: [number, number], geo_precision: 1 | 2 | 3 = 1): GeocodeAnswer =>
  answer(name, "resolved", [candidate(name, coordinates, { geo_precision, source: `geonames:${name}` })]);
const ANSWERS: Record<string, GeocodeAnswer> = {
  "Daraa al-Balad": resolved("Daraa al-Balad", [36.1008, 32.6122]),
  Jasim: answer("Jasim", "ambiguous", [candidate("Jasim (Daraa)", [36.06, 32.99]), candidate("Jasim (Hama)", [36.3, 35.1])]),
};

function fakeGeocoder(answers = ANSWERS) {
  const calls: string[][] = [];
  const geocode: GeocodeBatch = async (batch) => {
    calls.push(batch.map((q) => q.text));
    return new Map(batch.map((q) => [placeQueryKey(q), answers[q.text] ?? { status: "unresolved", best: null, candidates: [] }]));
  };
  return { geocode, calls };
}

describe("geocoded CSV", () => {
  it("batches unique places and reports ambiguous, unresolved and empty ones", async () => {
    const { geocode, calls } = fakeGeocoder();
    const r = await importFile(places, "places.csv", { idPrefix: "G", geocode });
    expect(calls).toEqual([["Daraa al-Balad", "Jasim", "Nowhere-on-earth"]]);
    expect(() => assertIncidentCollection(r.collection)).not.toThrow();
    expect(r.report).toMatchObject({
      total: 5,
      accepted: 2,
      ambiguous: [{ row: 3, place: "Jasim", candidates: ["Jasim (Daraa)", "Jasim (Hama)"] }],
      unresolved: [{ row: 4, place: "Nowhere-on-earth" }],
      rejected: [{ row: 5, line: 6, field: "place", value: '""', message: expect.stringMatching(/is empty/) }],
    });
    expect(r.collection.features.map((f) => f.properties.event_id)).toEqual(["G-1", "G-2"]);
    expect(r.collection.features[0]).toMatchObject({
      geometry: { type: "Point", coordinates: [36.1008, 32.6122] },
      properties: { location: "Daraa al-Balad", geo_precision: 1, geo_source: "geonames:Daraa al-Balad" },
    });
  });

  it("splits places into batches of the configured size", async () => {
    const { geocode, calls } = fakeGeocoder();
    await importFile(places, "places.csv", { idPrefix: "G", geocode, limits: { geocodeBatchSize: 2 } });
    expect(calls).toEqual([["Daraa al-Balad", "Jasim"], ["Nowhere-on-earth"]]);
  });

  it("keeps the coarser geo_precision of the file and the geocoder", async () => {
    const { geocode } = fakeGeocoder({ Tafas: resolved("Tafas", [35.97, 32.74], 2) });
    const csv = "event_type,place,geo_precision\nBattles,Tafas,1\nBattles,Tafas,3\nBattles,Tafas,\n";
    const r = await importFile(new TextEncoder().encode(csv), "x.csv", { idPrefix: "G", geocode });
    expect(r.collection.features.map((f) => f.properties.geo_precision)).toEqual([2, 3, 2]);
  });

  it("uses a named place column and geocodes rows whose coordinates are blank", async () => {
    const { geocode, calls } = fakeGeocoder({ Tafas: resolved("Tafas", [35.97, 32.74]) });
    const csv = "event_type,location,village,latitude,longitude\nBattles,near Tafas,Tafas,,\nBattles,Daraa,Daraa,32.6,36.1\n";
    const r = await importFile(new TextEncoder().encode(csv), "x.csv", { idPrefix: "G", geocode, placeColumn: "Village" });
    expect(calls).toEqual([["Tafas"]]);
    expect(r.collection.features.map((f) => [f.properties.location, f.geometry])).toEqual([
      ["near Tafas", { type: "Point", coordinates: [35.97, 32.74] }],
      ["Daraa", { type: "Point", coordinates: [36.1, 32.6] }],
    ]);
    await expect(importFile(new TextEncoder().encode(csv), "x.csv", { idPrefix: "G", geocode, placeColumn: "nope" })).rejects.toThrow(/placeColumn/);
  });

  it("rejects a geocoder answer that is not a valid position", async () => {
    const { geocode } = fakeGeocoder({ Bad: resolved("Bad", [32.6, 136.1]) });
    const r = await importFile(new TextEncoder().encode("event_type,place\nBattles,Bad\n"), "x.csv", { idPrefix: "G", geocode });
    expect(r.report.rejected).toEqual([{ row: 1, line: 2, field: "place", value: '"Bad"', message: expect.stringMatching(/unusable: .*swapped/) }]);
  });

  it("refuses the whole file when the geocoder fails", async () => {
    const geocode: GeocodeBatch = async () => {
      throw new Error("offline");
    };
    const err = await importFile(places, "places.csv", { idPrefix: "G", geocode }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).message).toMatch(/geocoder failed: offline; nothing was imported/);
  });

  it("does not ask about place text beyond the geocoder's limit", async () => {
    const { geocode, calls } = fakeGeocoder();
    const long = "x".repeat(201);
    const r = await importFile(new TextEncoder().encode(`event_type,place\nBattles,${long}\n`), "x.csv", { idPrefix: "G", geocode });
    expect(calls).toEqual([]);
    expect(r.report.unresolved).toEqual([{ row: 1, place: long }]);
  });
});

describe("geocodeRows: one query per distinct place and context", () => {
  const pending = (row: number, place: string, context?: PlaceContext): PendingPlace => ({
    row, line: row + 1, place, placeField: "MUNICIPIO", idField: "event_id", ...(context ? { context } : {}),
    normalised: { props: { event_type: "Battles", geo_precision: 1 }, explicitId: null, geoPrecisionGiven: false, warnings: [], flags: [] },
  });
  const rows = [
    pending(1, "BARBOSA", { admin1: "SANTANDER", country: "COLOMBIA" }),
    pending(2, "BARBOSA", { admin1: "ANTIOQUIA", country: "COLOMBIA" }),
    pending(3, " BARBOSA ", { admin1: "SANTANDER ", country: "COLOMBIA", admin2: "" }),
    pending(4, "BARBOSA", { country: "COLOMBIA" }),
    pending(5, "Sudan"),
    pending(6, "Sudan", {}),
  ];

  it("keys a query by its tidied text and context, blank context left out", () => {
    expect(placeQueryKey(placeQuery(" BARBOSA ", { admin1: "SANTANDER ", admin2: "" }))).toBe(placeQueryKey({ text: "BARBOSA", admin1: "SANTANDER" }));
    expect(placeQueryKey({ text: "BARBOSA", admin1: "SANTANDER" })).not.toBe(placeQueryKey({ text: "BARBOSA", admin2: "SANTANDER" }));
    expect(placeQuery("Sudan", undefined)).toEqual({ text: "Sudan" });
    // A field holding what a separator would look like cannot make two queries one.
    expect(placeQueryKey({ text: "a\u001fb" })).not.toBe(placeQueryKey({ text: "a", country: "b" }));
    expect(placeQueryKey({ text: "a", admin2: "\u001f" })).not.toBe(placeQueryKey({ text: "a", admin1: "\u001f" }));
  });

  it("asks each distinct query once, and places rows the context resolves with the project's geocoder", async () => {
    const asked: PlaceQuery[][] = [];
    const spy: GeocodeBatch = async (batch) => {
      asked.push(batch);
      return offlineGeocoder(batch);
    };
    const out = await geocodeRows(rows, spy, { ...DEFAULT_LIMITS, geocodeBatchSize: 2 }, new WarningLog());
    expect(asked.flat()).toEqual([
      { text: "BARBOSA", admin1: "SANTANDER", country: "COLOMBIA" },
      { text: "BARBOSA", admin1: "ANTIOQUIA", country: "COLOMBIA" },
      { text: "BARBOSA", country: "COLOMBIA" },
      { text: "Sudan" },
      // Row 4's Barbosa stays unclear: it falls back on its country.
      { text: "COLOMBIA" },
    ]);
    expect(asked.map((b) => b.length)).toEqual([2, 2, 1]);
    // GeoNames 3689206 (Barbosa, Santander) and 3689205 (Barbosa, Antioquia); Sudan at Khartoum, 379252.
    expect(out.candidates.map((c) => [c.row, c.geometry, c.normalised.props.geo_source, c.normalised.props.geo_precision])).toEqual([
      [1, { type: "Point", coordinates: [-73.61507, 5.93168] }, "geonames:3689206", 1],
      [2, { type: "Point", coordinates: [-75.33136, 6.43809] }, "geonames:3689205", 1],
      [3, { type: "Point", coordinates: [-73.61507, 5.93168] }, "geonames:3689206", 1],
      // Colombia at Bogotá, GeoNames 3688689 (4.60971, -74.08175).
      [4, { type: "Point", coordinates: [-74.08175, 4.60971] }, "geonames:3688689", 3],
      [5, { type: "Point", coordinates: [32.53241, 15.55177] }, "geonames:379252", 3],
      [6, { type: "Point", coordinates: [32.53241, 15.55177] }, "geonames:379252", 3],
    ]);
    expect(out.ambiguous).toEqual([]);
    expect(out.candidates.find((c) => c.row === 4)?.normalised.flags).toEqual([
      { kind: "placed-on-division", field: "MUNICIPIO", value: "\"BARBOSA\"", message: 'could be Barbosa (Antioquia, CO) or Barbosa (Santander Department, CO): placed on the row\'s country "COLOMBIA" (geo_precision 3)' },
    ]);
  }, 120_000);
});
