// CSV rows placed by name: unique places batched through the callback, ambiguous and unresolved places
// reported and never placed, the geocoder's answer validated like any other input.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importFile, ImportError, placeQueryKey, type GeocodeAnswer, type GeocodeBatch } from "@/lib/import";
import { assertIncidentCollection } from "@/lib/incident/validate";
import { answer, candidate } from "../support/geocode";

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
