// The reference point (lib/incident/reference.ts) and distances measured from another one (measuredFrom).
import { describe, expect, it } from "vitest";
import { DEFAULT_REFERENCE_NAME, referenceFeature } from "@/lib/incident/reference";
import { measuredFrom, placeIncidents } from "@/lib/incident/place";
import type { IncidentFeature } from "@/lib/incident/model";

function incident(id: string, coordinates: number[]): IncidentFeature {
  return {
    type: "Feature",
    geometry: { type: "Point", coordinates },
    properties: {
      event_id: id, event_date: "2021-08-26", time_precision: 1, event_type: "Battles", sub_event_type: "",
      actor1: "a", fatalities: 0, location: id, admin1: "Daraa", geo_precision: 1, notes: "", source: "s", source_quote: "q",
    },
  };
}

describe("referenceFeature", () => {
  it("is Daraa al-Balad's mosque by default, named as the page names it", () => {
    const f = referenceFeature(null);
    expect(DEFAULT_REFERENCE_NAME).toBe("Daraa al-Balad");
    expect(f.properties.name).toBe("Daraa al-Balad");
    expect(f.geometry.coordinates).toEqual([36.100833, 32.612222]);
  });

  it("names another point by its coordinates, latitude first", () => {
    const f = referenceFeature([36.2, 32.71234]);
    expect(f.geometry).toEqual({ type: "Point", coordinates: [36.2, 32.71234] });
    expect(f.properties.name).toBe("32.7123° N, 36.2000° E");
  });
});

describe("measuredFrom", () => {
  const placed = placeIncidents([incident("here", [36.2, 32.7]), incident("north", [36.2, 32.8])]);

  it("keeps the dataset's own distances (and array) for the default point", () => {
    expect(measuredFrom(placed, null)).toBe(placed);
  });

  it("measures each incident from another point, leaving the input alone", () => {
    const before = placed.map((p) => p.distance.km);
    const out = measuredFrom(placed, referenceFeature([36.2, 32.7]));
    // 0.1° of latitude on Turf's sphere (radius 6371.0088 km) is 11.1 km.
    expect(out.map((p) => p.distance)).toEqual([{ km: 0, to: "point" }, { km: 11.1, to: "point" }]);
    expect(placed.map((p) => p.distance.km)).toEqual(before);
  });
});
