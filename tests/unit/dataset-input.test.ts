// lib/server/dataset-input.ts: what a client may send about a dataset, each refusal naming field and value.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/server/api";
import { incidentCollection, metadataPatch, newDatasetMetadata } from "@/lib/server/dataset-input";
import { turnsDuring } from "../support/turns";

const daraa = JSON.parse(readFileSync("geodata/incidents.geojson", "utf8"));
const two = () => ({ type: "FeatureCollection", features: structuredClone(daraa.features.slice(0, 2)) });

async function refusal(f: () => unknown): Promise<[number, string | undefined, string]> {
  try {
    await f();
  } catch (err) {
    if (err instanceof ApiError) return [err.status, err.field, err.message];
    throw err;
  }
  throw new Error("not refused");
}

describe("dataset input", () => {
  it("takes a new dataset's metadata, trimmed, with defaults for what is left out", () => {
    expect(newDatasetMetadata({ name: "  Field notes ", visibility: "link" })).toEqual({ name: "Field notes", description: "", licence: "", source: "", visibility: "link" });
  });

  it.each([
    [{ visibility: "public" }, "name", "name: must be a string (value: undefined)"],
    [{ name: "  ", visibility: "public" }, "name", 'name: must not be empty (value: "  ")'],
    [{ name: "x".repeat(201), visibility: "public" }, "name", "name: must be at most 200 characters"],
    [{ name: "A", visibility: "everyone" }, "visibility", 'visibility: must be one of private, link, public (value: "everyone")'],
    [{ name: "A", visibility: "public", licence: 4 }, "licence", "licence: must be a string (value: 4)"],
    [{ name: "A\u0007", visibility: "public" }, "name", "name: must not hold control characters"],
  ])("refuses %j naming %s", async (body, field, message) => {
    const [status, f, m] = await refusal(() => newDatasetMetadata(body));
    expect([status, f]).toEqual([400, field]);
    expect(m.startsWith(message)).toBe(true);
  });

  it("a change names at least one field", async () => {
    expect(metadataPatch({ visibility: "private" })).toEqual({ visibility: "private" });
    expect(await refusal(() => metadataPatch({ other: 1 }))).toEqual([400, "body", "body: names no field to change (name, description, licence, source, visibility)"]);
  });

  it("takes valid incidents, and names the first bad one's path and value and how many more", async () => {
    expect(await incidentCollection({ collection: two() })).toEqual({ collection: two(), notes: [] });
    const bad = two();
    bad.features[1].properties.event_date = "2021-02-30";
    bad.features[1].properties.fatalities = -1;
    const [status, field, message] = await refusal(() => incidentCollection({ collection: bad }));
    expect([status, field]).toEqual([400, "collection.features[1].properties.event_date"]);
    expect(message).toBe('collection.features[1].properties.event_date: must be an ISO day YYYY-MM-DD, or null when the source gives none (value: "2021-02-30"); and 1 more');
    expect(await refusal(() => incidentCollection({ collection: { type: "FeatureCollection", features: [] } }))).toEqual([400, "collection.features", "collection.features: must hold at least one incident (value: [])"]);
    expect((await refusal(() => incidentCollection({})))[1]).toBe("collection");
  });

  it("refuses a NUL character in a property, naming it without echoing the value", async () => {
    const bad = two();
    bad.features[1].properties.event_id = "secret\u0000id";
    expect(await refusal(() => incidentCollection({ collection: bad }))).toEqual([
      400,
      "collection.features[1].properties.event_id",
      "collection.features[1].properties.event_id: must not hold the NUL character (U+0000), which the store cannot keep",
    ]);
  });

  it("keeps a 3-D position's first two numbers and says so", async () => {
    const raised = two();
    raised.features[1].geometry = { type: "Point", coordinates: [36.1, 32.6, 412] };
    const { collection, notes } = await incidentCollection({ collection: raised });
    expect(collection.features[1].geometry.coordinates).toEqual([36.1, 32.6]);
    expect(raised.features[1].geometry.coordinates).toEqual([36.1, 32.6, 412]);
    expect(notes).toEqual(["collection.features[1].geometry: a position had more than two numbers; its first two (longitude, latitude) were kept"]);
  });

  it("lets other work through between features in the NUL check and the 3-D cut too, not only in the checks", async () => {
    const features = structuredClone(daraa.features.slice(0, 50));
    // Every step seems to take a whole slice, so each feature's step yields: other work runs once per step.
    const { turns } = await turnsDuring(() => incidentCollection({ collection: { type: "FeatureCollection", features } }));
    // The checks give one turn a feature; the NUL check and the cut one each more.
    expect(turns).toBeGreaterThanOrEqual(3 * features.length);
  });
});
