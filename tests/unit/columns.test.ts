// lib/columns/: the page's compact transfer of a large dataset. Whatever goes in comes out equal, and a
// damaged or hostile body is refused with the field and value named, before anything is built.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { encodeColumns } from "@/lib/columns/encode";
import { readColumns, ColumnsError } from "@/lib/columns/read";
import { buildPlaced } from "@/lib/columns/build";
import { PREAMBLE_BYTES, type Header } from "@/lib/columns/format";
import { placeIncidents, type PlacedIncident } from "@/lib/incident/place";
import { synthesizeIncidents, type Town } from "@/lib/build/synth";
import { assertIncidentCollection, GeoJSONValidationError } from "@/lib/incident/validate";
import type { IncidentFeature } from "@/lib/incident/model";
import { GET } from "@/app/api/incidents/columns/route";

const towns: Town[] = [
  { name: "Dar'a", lng: 36.10628, lat: 32.61889, population: 97969, admin1: "Daraa" },
  { name: "Aleppo", lng: 37.16117, lat: 36.20124, population: 1602264, admin1: "Aleppo" },
  { name: "Homs", lng: 36.72339, lat: 34.72682, population: 775404, admin1: "Homs" },
];

const roundTrip = (placed: readonly PlacedIncident[]) => buildPlaced(readColumns(encodeColumns(placed).slice().buffer));

/** The bytes of `placed` with the header changed by `edit` (the sections are kept as they were). */
function withHeader(placed: readonly PlacedIncident[], edit: (h: Header) => void, rewrite: (json: string) => string = (json) => json): ArrayBuffer {
  const bytes = encodeColumns(placed);
  const dv = new DataView(bytes.buffer);
  const length = dv.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + length))) as Header;
  const data = bytes.subarray(Math.ceil((PREAMBLE_BYTES + length) / 8) * 8);
  edit(header);
  const text = new TextEncoder().encode(rewrite(JSON.stringify(header)));
  const start = Math.ceil((PREAMBLE_BYTES + text.length) / 8) * 8;
  const out = new Uint8Array(start + data.length);
  out.set(bytes.subarray(0, 8));
  new DataView(out.buffer).setUint32(8, text.length, true);
  out.set(text, PREAMBLE_BYTES);
  out.set(data, start);
  return out.buffer;
}

const real = () => placeIncidents(assertIncidentCollection(JSON.parse(readFileSync(join(process.cwd(), "geodata", "incidents.geojson"), "utf8"))).features);
const synthetic = (count: number) => placeIncidents(synthesizeIncidents({ count, seed: 7, towns }).features as IncidentFeature[]);

describe("incident columns round trip", () => {
  it("gives back the real dataset exactly: lines and areas, null dates, ranges, anchors, labels, distances", () => {
    const placed = real();
    expect(placed.some((p) => p.feature.geometry.type === "LineString")).toBe(true);
    expect(placed.some((p) => p.feature.geometry.type !== "Point" && p.feature.geometry.type !== "LineString")).toBe(true);
    expect(placed.some((p) => p.feature.properties.event_date === null)).toBe(true);
    expect(roundTrip(placed)).toEqual(placed);
  });

  it("gives back 5,000 synthetic incidents exactly, with dictionary and plain columns", () => {
    const placed = synthetic(5000);
    const back = roundTrip(placed);
    expect(back).toEqual(placed);
    // Key order is kept for a uniform dataset, so an export of the built incidents reads the same.
    expect(JSON.stringify(back.map((p) => p.feature))).toBe(JSON.stringify(placed.map((p) => p.feature)));
  });

  it("keeps absent fields absent (not null), null as null, feature ids, and non-primitive values", () => {
    const base = synthetic(3);
    const odd: PlacedIncident[] = base.map((p) => ({ ...p, feature: { ...p.feature, properties: { ...p.feature.properties } } }));
    delete odd[0].feature.properties.actor2;
    odd[1].feature.properties.event_date = null;
    odd[1].feature.properties.extra = { nested: [1, "two"] };
    odd[2].feature = { ...odd[2].feature, id: 42 };
    const inherited: string = "constructor";
    odd[2].feature.properties[inherited] = "a key objects inherit";
    odd[0].feature = { ...odd[0].feature, id: "a" };
    const back = roundTrip(odd);
    expect(back).toEqual(odd);
    expect("actor2" in back[0].feature.properties).toBe(false);
    expect(back[1].feature.properties.event_date).toBeNull();
    expect("extra" in back[0].feature.properties).toBe(false);
    expect(Object.hasOwn(back[0].feature.properties, "constructor")).toBe(false);
    expect(back[2].feature.properties[inherited]).toBe("a key objects inherit");
  });

  it("keeps what a point has beyond lng, lat (an altitude, a bbox), and an own __proto__ key as data", () => {
    const odd: PlacedIncident[] = synthetic(3).map((p) => ({ ...p, feature: { ...p.feature, properties: { ...p.feature.properties } } }));
    odd[0].feature = { ...odd[0].feature, geometry: { type: "Point", coordinates: [36.1, 32.6, 500] } };
    odd[0].anchor = odd[0].feature.geometry.coordinates as number[];
    odd[1].feature = { ...odd[1].feature, geometry: { type: "Point", coordinates: [36.2, 32.7], bbox: [36.2, 32.7, 36.2, 32.7] } };
    odd[1].anchor = (odd[1].feature.geometry as { coordinates: number[] }).coordinates;
    const hostile = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    Object.defineProperty(odd[2].feature.properties, "__proto__", { value: hostile["__proto__"], enumerable: true, writable: true, configurable: true });
    const back = roundTrip(odd);
    expect(back).toEqual(odd);
    expect(back[0].feature.geometry).toEqual({ type: "Point", coordinates: [36.1, 32.6, 500] });
    expect(back[1].feature.geometry).toEqual(odd[1].feature.geometry);
    expect(Object.hasOwn(back[2].feature.properties, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(back[2].feature.properties)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("keeps every incident's key order when the incidents agree on it", () => {
    const base = synthetic(3);
    const orders = [["a", "c"], ["b", "c"], ["a", "b"]];
    const odd: PlacedIncident[] = base.map((p, i) => ({
      ...p,
      feature: { ...p.feature, properties: { ...p.feature.properties, ...Object.fromEntries(orders[i].map((k) => [k, k])) } },
    }));
    expect(JSON.stringify(roundTrip(odd).map((p) => p.feature))).toBe(JSON.stringify(odd.map((p) => p.feature)));
  });

  it("gives back each incident's own keys when one has fewer, more or other keys than the one before", () => {
    const base = synthetic(6);
    const extra = [{ a: 1, b: 2 }, { a: 3 }, { a: 4, b: 5 }, {}, { b: 6 }, { a: 8, b: 9 }];
    const odd: PlacedIncident[] = base.map((p, i) => ({ ...p, feature: { ...p.feature, properties: { ...p.feature.properties, ...extra[i] } } }));
    expect(JSON.stringify(roundTrip(odd).map((p) => p.feature))).toBe(JSON.stringify(odd.map((p) => p.feature)));
  });

  it("handles an empty dataset", () => {
    expect(roundTrip([])).toEqual([]);
  });

  it("stores 100-fold repeated values once: the body is a fraction of the GeoJSON", () => {
    const placed = synthetic(5000);
    const geojson = Buffer.byteLength(JSON.stringify(placed.map((p) => p.feature)));
    expect(encodeColumns(placed).length).toBeLessThan(geojson * 0.6);
  });
});

describe("readColumns refuses a damaged or hostile body", () => {
  const placed = synthetic(600); // enough for ids and notes to be stored plain

  it.each<[string, () => ArrayBuffer, RegExp]>([
    ["another format", () => new TextEncoder().encode('{"type":"FeatureCollection"}').buffer, /not an incident-columns body \(starts "\{\\"ty"\)/],
    ["another version", () => { const b = encodeColumns(placed); new DataView(b.buffer).setUint32(4, 9, true); return b.buffer; }, /version 9 is not the supported 1/],
    ["a header running past the end", () => { const b = encodeColumns(placed); new DataView(b.buffer).setUint32(8, 1e9, true); return b.buffer; }, /header length 1000000000 runs past the body/],
    ["a cut body", () => encodeColumns(placed).slice(0, -8).buffer, /runs to byte \d+, past the body's \d+/],
    ["a count that does not match", () => withHeader(placed, (h) => { h.count = 601; }), /points: must be a section of 1202 f64/],
    ["a misaligned section", () => withHeader(placed, (h) => { h.km.offset += 4; }), /km: must be a section .* multiple of 8/],
    ["a code beyond the dictionary", () => withHeader(placed, (h) => { h.properties.find((c) => c.key === "event_type")!.dict!.splice(1); }), /properties.event_type: incident \d+ has code \d, beyond the 1 values/],
        ["a repeated column", () => withHeader(placed, (h) => { h.properties[3].key = h.properties[2].key; }), /properties\[3\].key: "\w+" is repeated/],
    ["plain values that do not match the codes", () => withHeader(placed, (h) => { h.properties.find((c) => c.plain)!.plain!.pop(); }), /plain: has 599 values for 600 incidents/],
    ["an object in a dictionary", () => withHeader(placed, (h) => { (h.properties.find((c) => c.key === "location")!.dict as unknown[])[0] = { x: 1 }; }), /location.dict: values must be strings, numbers, booleans or null/],
    ["labels missing", () => withHeader(placed, (h) => { h.labels.pop(); }), /labels: must be 600 non-empty strings/],
    ["an empty label", () => withHeader(placed, (h) => { h.labels[7] = ""; }), /labels: must be 600 non-empty strings/],
    ["one incident given two geometries", () => withHeader(placed, (h) => { h.geometries.push([3, { type: "LineString", coordinates: [[36, 32], [36.1, 32.1]] }], [3, { type: "LineString", coordinates: [[36, 32], [36.2, 32.2]] }]); }), /geometries: incident 3 is given twice/],
  ])("%s", (_, body, message) => {
    expect(() => readColumns(body())).toThrow(ColumnsError);
    expect(() => readColumns(body())).toThrow(message);
  });

  it.each<[string, (h: Header) => void, string, string]>([
    ["a type no category can be (a line break in it)", (h) => { h.properties.find((c) => c.key === "event_type")!.dict![0] = "<img src=x\nonerror=alert(1)>"; }, "event_type", '"<img src=x\\nonerror=alert(1)>"'],
    ["a negative fatality count", (h) => { h.properties.find((c) => c.key === "fatalities")!.dict![0] = -3; }, "fatalities", "-3"],
    ["a date that is not a day", (h) => { const c = h.properties.find((c) => c.key === "event_date")!; (c.dict ?? c.plain)![0] = "2021-02-30"; }, "event_date", '"2021-02-30"'],
    ["an empty id", (h) => { h.properties.find((c) => c.key === "event_id")!.plain![4] = ""; }, "event_id", '""'],
  ])("%s: GeoJSONValidationError naming the incident, field and value", (_, edit, field, value) => {
    let error: unknown;
    try {
      readColumns(withHeader(placed, edit));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(GeoJSONValidationError);
    const issue = (error as GeoJSONValidationError).issues[0];
    expect(issue.path).toMatch(new RegExp(`^features\\[\\d+\\]\\.properties\\.${field}$`));
    expect(issue.value).toBe(value);
  });

  it("a missing required column, a duplicate id, a point off the globe, an invalid line", () => {
    const issues = (edit: (h: Header) => void) => {
      try {
        readColumns(withHeader(placed, edit));
      } catch (err) {
        return (err as GeoJSONValidationError).issues;
      }
      throw new Error("accepted");
    };
    expect(issues((h) => { h.properties = h.properties.filter((c) => c.key !== "location"); })[0]).toMatchObject({ path: "features[0].properties.location", value: "undefined", message: "must be a non-empty string" });
    expect(issues((h) => { const ids = h.properties.find((c) => c.key === "event_id")!.plain!; ids[9] = ids[2]; })[0]).toMatchObject({ path: "features[9].properties.event_id", message: "duplicates the id of features[2]" });
    expect(issues((h) => { h.geometries.push([3, { type: "LineString", coordinates: [[36, 32]] }]); })).toContainEqual(expect.objectContaining({ path: "features[3].geometry" }));
    // An empty area, or one nested deeper than its type (which would overflow a recursive check), is named.
    const noCoordinates = "an incident needs a Point, LineString, Polygon or MultiPolygon with coordinates";
    expect(issues((h) => { h.geometries.push([4, { type: "Polygon", coordinates: [] }]); })).toContainEqual(expect.objectContaining({ path: "features[4].geometry", message: noCoordinates }));
    expect(issues((h) => { h.geometries.push([4, { type: "MultiPolygon", coordinates: [[]] }]); })).toContainEqual(expect.objectContaining({ path: "features[4].geometry", message: noCoordinates }));
    const deep = `${"[".repeat(20_000)}36,32${"]".repeat(20_000)}`; // JSON.stringify cannot write it; JSON.parse reads it
    const deepBody = withHeader(placed, (h) => { h.geometries.push([4, { type: "Polygon", coordinates: [] }]); }, (json) => json.replace('"coordinates":[]', `"coordinates":${deep}`));
    expect(() => readColumns(deepBody)).toThrow(/features\[4\]\.geometry: an incident needs .* with coordinates/);
    const b = withHeader(placed, () => {});
    const dv = new DataView(b);
    const start = Math.ceil((PREAMBLE_BYTES + dv.getUint32(8, true)) / 8) * 8;
    dv.setFloat64(start + 8 * 10, 200, true); // points: incident 5's longitude
    expect(() => readColumns(b)).toThrow(/features\[5\]\.geometry\.coordinates: must be a longitude within -180..180 .* \(value: \[200,/);
  });
});

// The route's answers from the store (the whole dataset, its ETag and 304s) are in tests/unit/serve-store.test.ts.
describe("GET /api/incidents/columns", () => {
  it("takes only dataset and key: 400 naming another, or a bad slug", async () => {
    const res = await GET(new Request("http://x/api/incidents/columns?bbox=1,2,3,4"));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "bbox: this route takes only dataset and key", field: "bbox" });
    const bad = await GET(new Request("http://x/api/incidents/columns?dataset=Not%20a%20slug"));
    expect(bad.status).toBe(400);
    expect((await bad.json()).field).toBe("dataset");
  });
});
