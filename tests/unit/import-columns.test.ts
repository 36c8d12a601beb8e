// components/import/columns.ts: the import worker's columns are the incidents placeIncidents makes (what the
// page placed with Turf before), and a report's action gives the columns of the incidents it leaves.
import { describe, expect, it } from "vitest";
import { columnsOf, flaggedColumns } from "@/components/import/columns";
import { buildPlaced, buildPlacedInSlices } from "@/lib/columns/build";
import { HeaderParts, splitHeader } from "@/lib/columns/parts";
import { placeIncidents } from "@/lib/incident/place";
import { incident } from "../support/incidents";

const features = [
  incident({ event_id: "A-1", location: "Daraa al-Balad" }),
  incident({ event_id: "A-2", location: "Tafas", notes: "kept" }, [36.0697, 32.7378]),
  // Read as [lat, lng]: the report offers to swap it.
  incident({ event_id: "A-3", location: "Bosra" }, [32.5189, 36.4817]),
  incident({ event_id: "A-4", location: "A line" }, { type: "LineString", coordinates: [[36.1, 32.6], [36.2, 32.7]] }),
];

describe("an import's columns", () => {
  it("hold the incidents as placeIncidents places them: features, anchors, labels and distances", () => {
    const columns = columnsOf(features);
    expect(columns.header.count).toBe(4);
    expect(buildPlaced(columns)).toEqual(placeIncidents(features));
  });

  it("after a swap, hold the swapped point placed again, the others as they were", () => {
    const after = buildPlaced(flaggedColumns(columnsOf(features).buffer, ["A-3"], "swap"));
    const swapped = features.map((f) => (f.properties.event_id === "A-3" ? { ...f, geometry: { type: "Point" as const, coordinates: [36.4817, 32.5189] } } : f));
    expect(after).toEqual(placeIncidents(swapped));
    expect(after[2].anchor).toEqual([36.4817, 32.5189]);
  });

  it("after a drop, hold only the incidents left", () => {
    const after = buildPlaced(flaggedColumns(columnsOf(features).buffer, ["A-1", "A-4"], "drop"));
    expect(after.map((p) => p.feature.properties.event_id)).toEqual(["A-2", "A-3"]);
    expect(after).toEqual(placeIncidents([features[1], features[2]]));
  });

  it("are built in slices as in one pass, plain columns (ids, notes) read across the slices", async () => {
    const many = Array.from({ length: 25 }, (_, i) => incident({ event_id: `S-${i}`, notes: i % 3 ? `note ${i}` : "" }, [36 + i / 100, 32.5]));
    const columns = columnsOf(many);
    // No time budget: the thread is given back every 7 incidents.
    expect(await buildPlacedInSlices(columns, 0, 7)).toEqual(buildPlaced(columns));
  });

  it("travel with their header's long lists in parts, and are the same columns once the parts are gathered", () => {
    const many = Array.from({ length: 25 }, (_, i) => incident({ event_id: `P-${i}`, notes: i % 3 ? `note ${i}` : "" }, i === 4 ? { type: "LineString", coordinates: [[36.1, 32.6], [36.2, 32.7]] } : [36 + i / 100, 32.5]));
    const columns = columnsOf(many);
    const { skeleton, parts } = splitHeader(columns.header, 4);
    expect(skeleton.labels).toEqual([]);
    expect(parts.every((p) => p.values.length <= 4)).toBe(true);
    const gathered = new HeaderParts();
    for (const part of parts) gathered.add(structuredClone(part));
    const header = gathered.fill(structuredClone(skeleton));
    expect(header).toEqual(columns.header);
    expect(buildPlaced({ ...columns, header })).toEqual(buildPlaced(columns));
  });

  it("are refused, naming the field, when an incident breaks a rule", () => {
    expect(() => columnsOf([features[0], incident({ event_id: "A-1" })])).toThrow(/event_id.*duplicates/);
  });
});
