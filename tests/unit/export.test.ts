import { describe, expect, it } from "vitest";
import { booleanClockwise } from "@turf/turf";
import { toExportCollection } from "@/lib/export/geojson";
import { GeoJSONValidationError, incidentIssues } from "@/lib/incident/validate";
import type { IncidentFeature, IncidentGeometry } from "@/lib/incident/model";
import { incident as testIncident } from "../support/incidents";

const incident = (id: string, geometry: IncidentGeometry, extra: Record<string, unknown> = {}): IncidentFeature =>
  testIncident({ event_id: id, event_date: "2021-08-26", event_type: "Explosions/Remote violence", sub_event_type: "Shelling/artillery/missile attack", fatalities: 2, location: "Tafas", ...extra }, geometry);

describe("toExportCollection", () => {
  it("writes an RFC 7946 collection: name, bbox, 6 decimals, no crs, and validates", () => {
    const out = toExportCollection(
      [incident("a", { type: "Point", coordinates: [35.990881234, 32.736551234] }), incident("b", { type: "Point", coordinates: [36.1, 32.6] })],
      { name: "test export", filters: { bbox: [35, 32, 37, 33] } },
    );
    expect(out.name).toBe("test export");
    expect(out.bbox).toEqual([35.990881, 32.6, 36.1, 32.736551]);
    expect(out.features[0].geometry).toEqual({ type: "Point", coordinates: [35.990881, 32.736551] });
    expect(out.filters).toEqual({ bbox: [35, 32, 37, 33] });
    expect("crs" in out).toBe(false);
    expect(incidentIssues(out)).toEqual([]);
  });

  it("rewinds clockwise outer rings to counter-clockwise, without touching the input", () => {
    const ring = [[36.05, 32.7], [36.05, 32.8], [36.15, 32.8], [36.15, 32.7], [36.05, 32.7]];
    const input = incident("p", { type: "Polygon", coordinates: [ring] });
    expect(booleanClockwise(ring)).toBe(true);
    const out = toExportCollection([input], { name: "x" });
    const outRing = (out.features[0].geometry as { coordinates: number[][][] }).coordinates[0];
    expect(booleanClockwise(outRing)).toBe(false);
    expect((input.geometry as { coordinates: number[][][] }).coordinates[0]).toEqual(ring);
  });

  it("an empty selection is a valid empty collection with no bbox", () => {
    const out = toExportCollection([], { name: "none" });
    expect(out.features).toEqual([]);
    expect(out.bbox).toBeUndefined();
  });

  it("refuses to export what does not validate, naming the field and value", () => {
    const bad = incident("c", { type: "Point", coordinates: [36.1, 32.6] }, { fatalities: -1 });
    expect(() => toExportCollection([bad], { name: "x" })).toThrow(GeoJSONValidationError);
    expect(() => toExportCollection([bad], { name: "x" })).toThrow(/features\[0\]\.properties\.fatalities.*-1/);
  });
});
