// lib/server/dataset-columns.ts keeps built columns by size, not count: 17 datasets asked for in turn
// (a count of 16 pushed the oldest out each round, a large one rebuilt every time) are each built once
// per version; a new version is built again. It builds them a page of features at a time, into the same
// bytes as the whole dataset encoded at once.
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { incident, mixedGeometries } from "../support/incidents";
import type { Queryable } from "@/lib/db/types";
import type { IncidentFeature } from "@/lib/incident/model";
import { ColumnsEncoder, encodeColumns } from "@/lib/columns/encode";
import { placeIncidents } from "@/lib/incident/place";
import { READ_PAGE_ROWS, datasetColumns } from "@/lib/server/dataset-columns";
import type { ReadableDataset } from "@/lib/server/dataset-access";

/** A store holding `features` as seq 0…: answers the count and the keyset pages (seq > $2 … LIMIT $3); `pages` counts the pages read. */
function storeOf(features: readonly IncidentFeature[]): Queryable & { pages: number } {
  const store = {
    pages: 0,
    query: async (text: string, params: unknown[]) => {
      if (text.includes("count(*)")) return { rows: [{ n: features.length }], rowCount: 1 };
      store.pages++;
      const [, after, limit] = params as number[];
      const rows = features.slice(after + 1, after + 1 + limit).map((f, i) => ({ seq: after + 1 + i, feature: JSON.stringify(f) }));
      return { rows, rowCount: rows.length };
    },
  };
  return store as unknown as Queryable & { pages: number };
}

const dataset = (id: number, tag = "v1"): ReadableDataset => ({ id, slug: `d-${id}`, name: `D ${id}`, visibility: "public", ownerId: null, tag });

describe("the columns cache", () => {
  it("builds each of 17 datasets once per version, however often they are asked for in turn", async () => {
    const db = storeOf([incident()]);
    const datasets = Array.from({ length: 17 }, (_, i) => dataset(9000 + i));
    for (let round = 0; round < 3; round++) for (const d of datasets) await datasetColumns(db, d);
    expect(db.pages).toBe(17);
    await datasetColumns(db, { ...datasets[0], tag: "v2" });
    expect(db.pages).toBe(18);
  });
});

describe("the columns build", () => {
  it("gives the bytes of the whole dataset encoded at once, across a page boundary (repeated labels numbered over it, text of 1 to 4 UTF-8 bytes a character)", async () => {
    // The twin labels (same place, day and type) and the odd geometries straddle the first page's end.
    const features = [
      ...Array.from({ length: READ_PAGE_ROWS - 2 }, (_, i) => incident({ event_id: `E-${i}`, location: `Place ${i % 500}`, notes: `n${i}` })),
      ...mixedGeometries(),
      ...Array.from({ length: 5 }, (_, i) => incident({ event_id: `F-${i}`, location: "Place 7", notes: `m${i} قصف 🚀` })),
    ];
    const db = storeOf(features);
    const { body } = await datasetColumns(db, dataset(9100));
    expect(db.pages).toBe(2);
    expect(gunzipSync(body).equals(Buffer.from(encodeColumns(placeIncidents(features))))).toBe(true);
  });

  it("writes its bytes in pieces that join to encodeColumns' (the header's lists in slices of 1, 2 and 7 values, plain values as strings or as bytes)", () => {
    const placed = placeIncidents([...mixedGeometries(), incident({ event_id: "a", notes: "🚀🚀 قصف" }), incident({ id: 7, event_id: "b", notes: "x🚀", extra: undefined }, [36.2, 32.7, 5])]);
    const whole = Buffer.from(encodeColumns(placed));
    for (const items of [1, 2, 7]) {
      for (const plainJson of [false, true]) {
        const encoder = new ColumnsEncoder(placed.length, { plainJson });
        for (const p of placed) encoder.add(p);
        const pieces = [...encoder.pieces(placed.map((p) => p.label), items)];
        expect(Buffer.concat(pieces).equals(whole)).toBe(true);
      }
    }
    // Kept as bytes, its plain values come back whole for finish.
    const encoder = new ColumnsEncoder(placed.length, { plainJson: true });
    for (const p of placed) encoder.add(p);
    expect(Buffer.from(encoder.finish(placed.map((p) => p.label)).buffer).equals(whole)).toBe(true);
  });
});
