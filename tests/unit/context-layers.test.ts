import { describe, expect, it } from "vitest";
import { heldOn, siegeDuring, type CheckpointProperties, type SiegeProperties } from "@/lib/incident/context-layers";

const checkpoint = {
  id: "c", name: "c", kind: "checkpoint", count: 1, held_by: "Syrian Army", position: "estimate", geo_precision: 2,
  changes: [
    { date: "2021-08-27", held_by: "Syrian Army (ambush)", what: "ambush" },
    { date: "2021-07-29", held_by: "Armed locals", what: "stormed" },
  ],
} as CheckpointProperties;

describe("context layers follow the date", () => {
  it("a checkpoint's holder is the last change up to the day", () => {
    expect(heldOn(checkpoint, "2021-07-28")).toBe("Syrian Army");
    expect(heldOn(checkpoint, "2021-07-29")).toBe("Armed locals");
    expect(heldOn(checkpoint, "2021-08-30")).toBe("Syrian Army (ambush)");
    expect(heldOn(checkpoint, null)).toBe("Syrian Army (ambush)");
    expect(heldOn({ ...checkpoint, changes: [] }, "2021-08-01")).toBe("Syrian Army");
  });
  it("the siege shows only while it lasted, edges included", () => {
    const siege = { id: "s", name: "s", valid_from: "2021-06-24", valid_to: "2021-09-06", geo_precision: 2 } as SiegeProperties;
    expect(siegeDuring(siege, undefined, undefined)).toBe(true);
    expect(siegeDuring(siege, "2021-09-06", "2021-09-10")).toBe(true);
    expect(siegeDuring(siege, "2021-09-07", "2021-09-10")).toBe(false);
    expect(siegeDuring(siege, "2021-06-01", "2021-06-23")).toBe(false);
    expect(siegeDuring(siege, undefined, "2021-06-24")).toBe(true);
    expect(siegeDuring({ ...siege, valid_from: null }, "2020-01-01", "2020-01-02")).toBe(true);
  });
});
