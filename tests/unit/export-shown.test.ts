// What "Export GeoJSON" downloads (lib/export/shown.ts): the shown incidents, and a `filters` member
// that says what made them, shaped as GET /api/incidents shapes its own.
import { describe, expect, it } from "vitest";
import { exportFilters, shownCollection, shownFeatures, type ShownIncident } from "@/lib/export/shown";
import type { IncidentFeature } from "@/lib/incident/model";

function shown(id: string, coordinates: number[], km: number): ShownIncident {
  const feature: IncidentFeature = {
    type: "Feature",
    geometry: { type: "Point", coordinates },
    properties: {
      event_id: id, event_date: "2021-08-26", time_precision: 1, event_type: "Battles", sub_event_type: "Armed clash",
      actor1: "Military Forces of Syria", fatalities: 1, location: "Tafas", admin1: "Daraa", geo_precision: 1, notes: "", source: "test", source_quote: "q",
    },
  };
  return { feature, distance: { km, to: "point" } };
}

const FILTER = { from: "2021-08-01", to: "2021-08-31", types: ["Battles" as const] };

describe("exportFilters", () => {
  it("is the filter's own description when no view is given, as the API records it", () => {
    expect(exportFilters({ filter: FILTER })).toEqual({ from: "2021-08-01", to: "2021-08-31", includeUndated: false, types: ["Battles"] });
    expect(exportFilters({ filter: { ...FILTER, bbox: [35.5, 32, 36.5, 33] } })).toEqual({
      from: "2021-08-01", to: "2021-08-31", includeUndated: false, types: ["Battles"], bbox: [35.5, 32, 36.5, 33],
    });
  });

  it("records the view to 6 decimals, then the layers on and another reference point, in that order", () => {
    const out = exportFilters({ filter: FILTER, bbox: [35.12345678, 32.1, 36.99999999, 33.0000004], layers: ["incidents", "rings"], reference: [36.2, 32.7] });
    expect(out).toEqual({
      from: "2021-08-01", to: "2021-08-31", includeUndated: false, types: ["Battles"],
      bbox: [35.123457, 32.1, 37, 33], layers: ["incidents", "rings"], reference: [36.2, 32.7],
    });
    expect(Object.keys(out)).toEqual(["from", "to", "includeUndated", "types", "bbox", "layers", "reference"]);
  });

  it("says bbox null before the map has a view, and leaves out the default reference", () => {
    expect(exportFilters({ filter: {}, bbox: null, layers: [], reference: null })).toEqual({ bbox: null, layers: [] });
  });
});

describe("shownFeatures", () => {
  it("are the features themselves when distances are from the default point", () => {
    const a = shown("a", [36.1, 32.6], 0.8);
    expect(shownFeatures([a])[0]).toBe(a.feature);
  });

  it("carry distance_ref_km from another reference point, without touching the input", () => {
    const a = shown("a", [36.1, 32.6], 12.3);
    const [out] = shownFeatures([a], [36.2, 32.7]);
    expect(out.properties.distance_ref_km).toBe(12.3);
    expect("distance_ref_km" in a.feature.properties).toBe(false);
  });
});

describe("shownCollection", () => {
  it("is the validated export collection: name, bbox, filters, rounded features with their distances", () => {
    const out = shownCollection([shown("a", [36.1234567, 32.6], 12.3), shown("b", [36.2, 32.7654321], 4.5)], {
      name: "test incidents",
      filter: { fatalities: "some" },
      bbox: [36, 32.5, 36.5, 33],
      layers: ["incidents"],
      reference: [36.3, 32.8],
    });
    expect(out.name).toBe("test incidents");
    expect(out.bbox).toEqual([36.123457, 32.6, 36.2, 32.765432]);
    expect(out.filters).toEqual({ fatalities: "some", bbox: [36, 32.5, 36.5, 33], layers: ["incidents"], reference: [36.3, 32.8] });
    expect(out.features.map((f) => [f.properties.event_id, f.geometry.coordinates, f.properties.distance_ref_km])).toEqual([
      ["a", [36.123457, 32.6], 12.3],
      ["b", [36.2, 32.765432], 4.5],
    ]);
  });

  it("refuses what does not validate, naming the field", () => {
    const bad = shown("a", [36.1, 32.6], 1);
    bad.feature.properties.fatalities = -1;
    expect(() => shownCollection([bad], { name: "x", filter: {} })).toThrow(/features\[0\]\.properties\.fatalities/);
  });
});
