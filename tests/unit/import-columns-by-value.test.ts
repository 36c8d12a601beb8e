// Coordinates under names no list holds, found as kepler.gl finds them: columns paired by their names
// (a latitude and a longitude word, the rest alike), then checked against the sample's values.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import ColumnRoles from "@/components/import/ColumnRoles";
import { importFile, inspectFile } from "@/lib/import/pipeline";
import { rolesForPosition } from "@/lib/import/mapping/positions";
import { proposeMapping } from "@/lib/import/mapping/propose";
import { sourceOf } from "../support/source";

// GDELT 2.0's event export, 61 columns as its codebook names them (the raw files carry no header; extracts do).
const GDELT_2 = [
  "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
  "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
  "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
  "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
  "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
  "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
  "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
  "DATEADDED", "SOURCEURL",
];
type Geo = [type: string, name: string, country: string, adm1: string, lat: string, long: string, feature: string] | null;
const geo = (g: Geo) => (g ? [g[0], g[1], g[2], g[3], "", g[4], g[5], g[6]] : ["0", "", "", "", "", "", "", ""]);
/** One GDELT row: the actors' places and the action's place, each a GeoNames-style place or blank. */
function gdeltRow(id: number, actor1: Geo, actor2: Geo, action: Geo): string[] {
  return [
    String(id), "20230312", "202303", "2023", "2023.1918",
    "SYRMIL", "SYRIA", "SYR", "", "", "", "", "MIL", "", "",
    "SYRREB", "SYRIA", "SYR", "", "", "", "", "REB", "", "",
    "1", "190", "190", "19", "4", "-10.0", "6", "1", "6", "-7.53",
    ...geo(actor1), ...geo(actor2), ...geo(action),
    "20230312150000", `https://news.example/${id}`,
  ];
}
const DAMASCUS: Geo = ["4", "Damascus, Dimashq, Syria", "SY", "SY13", "33.5102", "36.2913", "-2997547"];
const DARAA: Geo = ["4", "Daraa, Dar'a, Syria", "SY", "SY08", "32.6189", "36.1021", "-2991986"];
const TAFAS: Geo = ["4", "Tafas, Dar'a, Syria", "SY", "SY08", "32.7357", "35.9714", "-2992932"];
const SYRIA: Geo = ["1", "Syria", "SY", "SY", "35", "38", "SY"]; // GDELT's country centroid, whole degrees
const ROWS = [
  gdeltRow(1090851237, DAMASCUS, DARAA, DARAA),
  gdeltRow(1090851238, DAMASCUS, null, TAFAS),
  gdeltRow(1090851239, null, null, SYRIA),
  gdeltRow(1090851240, DARAA, DAMASCUS, DARAA),
];
const tsv = (columns: string[], rows: string[][]) => new TextEncoder().encode([columns, ...rows].map((r) => r.join("\t")).join("\n") + "\n");

describe("a GDELT 2.0 extract: three pairs of coordinate columns under names no list holds", () => {
  it("proposes ActionGeo_Lat/ActionGeo_Long as the position and lists the actors' pairs", () => {
    expect(GDELT_2).toHaveLength(61);
    const { proposal } = inspectFile(tsv(GDELT_2, ROWS), "20230312150000.export.tsv");
    expect(proposal.mapping.roles).toMatchObject({ ActionGeo_Lat: "latitude", ActionGeo_Long: "longitude", Actor1Geo_Lat: "keep", Actor1Geo_Long: "keep", Actor2Geo_Lat: "keep", Actor2Geo_Long: "keep" });
    expect(proposal.positions).toEqual([
      { latitude: "ActionGeo_Lat", longitude: "ActionGeo_Long" },
      { latitude: "Actor1Geo_Lat", longitude: "Actor1Geo_Long" },
      { latitude: "Actor2Geo_Lat", longitude: "Actor2Geo_Long" },
    ]);
    expect(rolesForPosition(proposal.mapping, { latitude: "Actor1Geo_Lat", longitude: "Actor1Geo_Long" })).toEqual({ ActionGeo_Lat: "keep", ActionGeo_Long: "keep", Actor1Geo_Lat: "latitude", Actor1Geo_Long: "longitude" });
    expect(proposal.assumptions).toEqual(expect.arrayContaining([
      expect.stringMatching(/"ActionGeo_Lat" and "ActionGeo_Long" are read as latitude and longitude/),
      expect.stringMatching(/other columns could give the position \("Actor1Geo_Lat" and "Actor1Geo_Long"; "Actor2Geo_Lat" and "Actor2Geo_Long"\).*the event's own place/),
    ]));
  });

  it("imports every row at the action's place, not an actor's", async () => {
    const r = await importFile(tsv(GDELT_2, ROWS), "export.tsv", { idPrefix: "GD" });
    expect(r.report.rejected).toEqual([]);
    expect(r.report.accepted).toBe(4);
    expect(r.collection.features.map((f) => f.geometry.coordinates)).toEqual([[36.1021, 32.6189], [35.9714, 32.7357], [38, 35], [36.1021, 32.6189]]);
  });
});

describe("other names for coordinates, paired by their names and checked by their values", () => {
  const roles = (columns: string[], rows: unknown[][]) => proposeMapping(sourceOf(columns, rows)).mapping.roles;
  it.each([
    ["Lat_WGS84", "Long_WGS84"],
    ["coord_y", "coord_x"],
    ["POINT_Y", "POINT_X"],
    ["decimalLatitude", "decimalLongitude"],
    ["Incident Latitude (deg)", "Incident Longitude (deg)"],
  ])("%s and %s are the position when their values are degrees", (lat, lng) => {
    expect(roles(["id", lng, lat, "what"], [["1", "36.1021", "32.6189", "a"], ["2", "-4.19", "14.49", "b"]])).toEqual({ id: "id", [lat]: "latitude", [lng]: "longitude", what: "keep" });
  });

  it("leaves named pairs alone when their values are not degrees, and says why", () => {
    const projected = proposeMapping(sourceOf(["POINT_X", "POINT_Y"], [["500123.4", "3612345.6"], ["501000.2", "3611000.9"]]));
    expect(projected.mapping.roles).toEqual({ POINT_X: "keep", POINT_Y: "keep" });
    expect(projected.assumptions).toEqual(expect.arrayContaining([expect.stringMatching(/"POINT_Y" and "POINT_X" are named like a latitude and a longitude but are not read as the position: "POINT_Y" holds 3612345.6, beyond ±180/)]));
    const codes = proposeMapping(sourceOf(["zone_lat", "zone_lon"], [["3", "12"], ["4", "13"], ["5", "14"]]));
    expect(codes.mapping.roles).toEqual({ zone_lat: "keep", zone_lon: "keep" });
    expect(codes.assumptions.join("\n")).toMatch(/whole numbers in 3 of 3/);
    expect(roles(["lat_note", "lon_note"], [["north", "east"], ["south", "west"]])).toEqual({ lat_note: "keep", lon_note: "keep" });
    expect(roles(["lat_precision", "lon_precision"], [["0.25", "0.5"], ["0.125", "0.75"]])).toEqual({ lat_precision: "keep", lon_precision: "keep" });
    expect(roles(["size_y", "size_x"], [["12.5", "3.5"], ["12.5", "3.5"], ["12.5", "3.5"]])).toEqual({ size_y: "keep", size_x: "keep" });
  });

  it("prefers the pair with most values when no name says which is the event's, and never overrides a pair named plainly", () => {
    const p = proposeMapping(sourceOf(["origin_lat", "origin_lon", "dest_lat", "dest_lon"], [["", "", "32.6", "36.1"], ["33.5", "36.3", "32.7", "35.9"]]));
    expect(p.mapping.roles).toMatchObject({ dest_lat: "latitude", dest_lon: "longitude", origin_lat: "keep", origin_lon: "keep" });
    expect(p.positions?.[1]).toEqual({ latitude: "origin_lat", longitude: "origin_lon" });
    const lone = proposeMapping(sourceOf(["lat", "Lat_WGS84", "Long_WGS84"], [["32", "32.6189", "36.1021"]]));
    expect(lone.mapping.roles).toEqual({ lat: "keep", Lat_WGS84: "latitude", Long_WGS84: "longitude" });
    expect(lone.assumptions).toContain('column "lat" is kept as its own property: it has no longitude column beside it');
    const named = proposeMapping(sourceOf(["latitude", "longitude", "event_lat", "event_lon"], [["33.5", "36.3", "32.6", "36.1"]]));
    expect(named.mapping.roles).toEqual({ latitude: "latitude", longitude: "longitude", event_lat: "keep", event_lon: "keep" });
    expect(named.positions).toBeUndefined();
  });
});

describe("the mapping step's choice of pair", () => {
  it("offers every pair under \"Position from\", the proposed one selected", () => {
    const { proposal } = inspectFile(tsv(GDELT_2, ROWS), "export.tsv");
    const html = renderToStaticMarkup(createElement(ColumnRoles, { columns: GDELT_2, samples: [], mapping: proposal.mapping, onRole: () => {}, positions: proposal.positions, onRoles: () => {} }));
    expect(html).toMatch(/<label for="mapping-position">Position from<\/label>/);
    expect(html).toMatch(/<option value="0" selected="">ActionGeo_Lat \/ ActionGeo_Long<\/option><option value="1">Actor1Geo_Lat \/ Actor1Geo_Long<\/option>/);
  });
});
