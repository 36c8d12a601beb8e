// lib/server/dataset-columns.ts keeps built columns by size, not count: 17 datasets asked for in turn
// (a count of 16 pushed the oldest out each round, a large one rebuilt every time) are each built once
// per version; a new version is built again.
import { describe, expect, it } from "vitest";
import { incident } from "../support/incidents";
import type { Queryable } from "@/lib/db/types";
import { datasetColumns } from "@/lib/server/dataset-columns";
import type { ReadableDataset } from "@/lib/server/dataset-access";

describe("the columns cache", () => {
  it("builds each of 17 datasets once per version, however often they are asked for in turn", async () => {
    let reads = 0;
    const db = {
      query: async () => {
        reads++;
        return { rows: [{ seq: 0, feature: JSON.stringify(incident()) }], rowCount: 1 };
      },
    } as unknown as Queryable;
    const datasets: ReadableDataset[] = Array.from({ length: 17 }, (_, i) => ({ id: 9000 + i, slug: `d-${i}`, name: `D ${i}`, visibility: "public", ownerId: null, tag: "v1" }));
    for (let round = 0; round < 3; round++) for (const d of datasets) await datasetColumns(db, d);
    expect(reads).toBe(17);
    await datasetColumns(db, { ...datasets[0], tag: "v2" });
    expect(reads).toBe(18);
  });
});
