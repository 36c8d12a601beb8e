import { describe, expect, it } from "vitest";
import { assertIncidentCollection, CHECKED_PROPERTIES, featureCollectionIssues, incidentIssues, propertyIssue, REQUIRED_PROPERTIES } from "@/lib/incident/validate";
import { FIELD_KEYS, INCIDENT_PROPERTIES } from "@/lib/incident/model";
import { incidentProperties } from "../support/incidents";

const point = (coordinates: unknown) => ({ type: "Feature", geometry: { type: "Point", coordinates }, properties: {} });
const fc = (...features: unknown[]) => ({ type: "FeatureCollection", features });
// Properties spread over the valid ones, so a test can set any field to any (wrong) value.
const incident = (over: Record<string, unknown> = {}, coordinates: unknown = [36.3, 32.6]) => ({ ...point(coordinates), properties: { ...incidentProperties({ event_id: "x1", event_date: "2021-08-05" }), ...over } });

describe("featureCollectionIssues", () => {
  it("accepts a valid collection", () => {
    expect(featureCollectionIssues(fc(point([36.1, 32.6])))).toEqual([]);
  });
  it.each([
    [[200, 32], /longitude/],
    [[36, 95], /latitude/],
    [[Number.NaN, 32], /finite/],
    [[Number.POSITIVE_INFINITY, 32], /finite/],
  ])("flags %j with the path and the value", (coords, message) => {
    const issues = featureCollectionIssues(fc(point(coords)));
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe("features[0].geometry.coordinates");
    expect(issues[0].message).toMatch(message);
  });
  it("flags a legacy crs member", () => {
    expect(featureCollectionIssues({ ...fc(), crs: { type: "name" } })[0].path).toBe("crs");
  });
  it("passes on geojson-validation's structural findings", () => {
    expect(featureCollectionIssues(fc(point(["a", 1])))[0].message).toMatch(/number/i);
  });
  it("flags what is not a FeatureCollection", () => {
    expect(featureCollectionIssues({ type: "Feature" })[0].message).toMatch(/FeatureCollection/);
    expect(featureCollectionIssues(null)[0].path).toBe("(root)");
  });
});

describe("incidentIssues", () => {
  it("accepts a valid incident, and a null date", () => {
    expect(incidentIssues(fc(incident(), incident({ event_id: "x2", event_date: null, time_precision: 3 })))).toEqual([]);
  });
  it.each([
    ["event_date", "2021-02-30"],
    ["event_date", "2021-08-05T00:00:00Z"],
    ["event_type", ""],
    ["event_type", " Shelling"],
    ["event_type", "Shel\nling"],
    ["event_type", 3],
    ["fatalities", 1.5],
    ["geo_precision", 4],
    ["location", ""],
  ])("names %s when it is %j", (field, value) => {
    const issues = incidentIssues(fc(incident({ [field]: value })));
    expect(issues.map((i) => i.path)).toEqual([`features[0].properties.${field}`]);
    expect(issues[0].value).toBe(JSON.stringify(value));
  });
  it("names an over-long event_type, counting characters, not UTF-16 units", () => {
    expect(incidentIssues(fc(incident({ event_type: "x".repeat(101) })))[0].message).toMatch(/at most 100 characters/);
    expect(incidentIssues(fc(incident({ event_type: "👍".repeat(101) })))[0].path).toBe("features[0].properties.event_type");
  });
  it("keeps any category as event_type: ACLED's, Unclassified, a file's own, hostile text", () => {
    const types = ["Battles", "Unclassified", "Shelling", "<img src=x onerror=alert(1)>", "\u202eGNILLEHS", "قصف", "x".repeat(100), "👍".repeat(100)];
    expect(incidentIssues(fc(...types.map((event_type, i) => incident({ event_id: `x${i}`, event_type }))))).toEqual([]);
  });
  it("reports an empty ring or a missing geometry instead of crashing", () => {
    const ring = { ...incident(), geometry: { type: "Polygon", coordinates: [[]] } };
    expect(incidentIssues(fc(ring)).length).toBeGreaterThan(0);
    const none = { ...incident(), geometry: null };
    expect(incidentIssues(fc(none))[0].path).toBe("features[0].geometry");
    const empty = { ...incident(), geometry: { type: "Polygon", coordinates: [] } };
    expect(incidentIssues(fc(empty)).map((i) => i.path)).toContain("features[0].geometry");
  });
  it("flags an area with no polygon in it, and coordinates nested other than the type says", () => {
    const noCoordinates = "an incident needs a Point, LineString, Polygon or MultiPolygon with coordinates";
    for (const geometry of [
      { type: "MultiPolygon", coordinates: [[]] },
      { type: "MultiPolygon", coordinates: [] },
      { type: "LineString", coordinates: [36, 32] },
      { type: "Point", coordinates: [[36, 32]] },
    ]) {
      expect(incidentIssues(fc({ ...incident(), geometry }))).toContainEqual({ path: "features[0].geometry", value: JSON.stringify(geometry), message: noCoordinates });
    }
  });
  it("takes a feature id that is a string or a number, as RFC 7946 says, and names any other", () => {
    expect(incidentIssues(fc({ ...incident(), id: "a" }, { ...incident({ event_id: "x2" }), id: 7 }))).toEqual([]);
    for (const id of [null, true, {}, [1]]) {
      expect(incidentIssues(fc({ ...incident(), id }))).toEqual([{ path: "features[0].id", value: JSON.stringify(id), message: "must be a string or a number" }]);
    }
  });
  it("flags duplicate ids and a range that ends before it starts", () => {
    const issues = incidentIssues(fc(incident(), incident({ event_date_end: "2021-08-01" })));
    expect(issues.map((i) => i.message)).toEqual(["must not be before event_date", "duplicates the id of features[0]"]);
  });
  it("assertIncidentCollection throws a message with path and value", () => {
    expect(() => assertIncidentCollection(fc(incident({ fatalities: "many" })))).toThrow(/features\[0\]\.properties\.fatalities.*"many"/);
  });
});


describe("the incident's properties, declared once (lib/incident/model.ts)", () => {
  it("give the validator's required and checked lists", () => {
    expect(REQUIRED_PROPERTIES).toEqual(["event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "fatalities", "location", "geo_precision", "source_quote"]);
    expect([...CHECKED_PROPERTIES].sort()).toEqual([...REQUIRED_PROPERTIES, "event_date_end", "civilian_targeting", "wounded", "captured", "distance_km"].sort());
  });
  it("give the model's fields: every declared property but the two lists in text", () => {
    expect(FIELD_KEYS.has("notes") && FIELD_KEYS.has("actor2") && FIELD_KEYS.has("admin1")).toBe(true);
    expect(FIELD_KEYS.has("facet_keys") || FIELD_KEYS.has("source_links")).toBe(false);
    expect(FIELD_KEYS.size).toBe(Object.keys(INCIDENT_PROPERTIES).length - 2);
  });
  it("check what they declare, and only what has a rule", () => {
    expect(propertyIssue("wounded", -1)).toBe("must be a whole number ≥ 0");
    expect(propertyIssue("wounded", undefined)).toBeNull();
    expect(propertyIssue("notes", 7)).toBeNull();
    expect(propertyIssue("event_id", undefined)).toBe("must be a non-empty string");
  });
});
