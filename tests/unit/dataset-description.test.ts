import { describe, expect, it } from "vitest";
import { datasetDescription } from "@/lib/server/dataset-description";
import { BARE_DESCRIPTION, readDescription } from "@/lib/dataset/description";
import { DARAA_AL_BALAD } from "@/lib/incident/reference";
import { GET } from "@/app/api/datasets/[slug]/description/route";

describe("the seeded dataset's description (geodata/datasets/daraa-2021.json)", () => {
  const d = datasetDescription("daraa-2021");
  it("names its reference point and default view as lib/incident/reference.ts measures and frames them", () => {
    expect(d.name).toBe("2021 Daraa offensive: incidents");
    expect(d.reference).toEqual({ name: "Daraa al-Balad", coordinates: DARAA_AL_BALAD.geometry.coordinates });
    // Daraa Governorate with a margin (Natural Earth admin-1 extent 35.84–36.63 E, 32.31–33.21 N, rounded outwards).
    expect(d.defaultView).toEqual([35.75, 32.28, 36.7, 33.25]);
  });
  it("carries its context layers: the governorate, the checkpoints and the siege", () => {
    expect(d.contextLayers.map((l) => [l.id, l.kind, l.data.features.length > 0])).toEqual([
      ["governorate", "area", true],
      ["checkpoints", "checkpoints", true],
      ["siege", "siege", true],
    ]);
    expect(d.contextLayers[0].data.features).toHaveLength(1);
  });
});

describe("GET /api/datasets/<slug>/description", () => {
  const get = (slug: string) => GET(new Request(`http://x/api/datasets/${slug}/description`), { params: Promise.resolve({ slug }) });
  it("answers the bare description for one that is no slug (a saved dataset's, and none, are tests/unit/db-dataset-description.test.ts's)", async () => {
    // A climbing slug, built so that no path literal leads above the root (tests/unit/inside-repo.test.ts).
    for (const slug of [["..", "etc"].join("/"), "Daraa-2021"]) expect(await (await get(slug)).json()).toEqual(BARE_DESCRIPTION);
  });
  it("answers the declaration, readable by readDescription", async () => {
    const res = await get("daraa-2021");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(readDescription(await res.json())).toEqual(datasetDescription("daraa-2021"));
  });
});

describe("readDescription", () => {
  it("names the field and the value it refuses", () => {
    expect(() => readDescription({ reference: { name: "X", coordinates: [200, 0] } })).toThrow(/reference\.coordinates .*\[200,0\]/);
    expect(() => readDescription({ defaultView: [10, 0, 5, 1] })).toThrow(/defaultView/);
    expect(() => readDescription({ contextLayers: [{ id: "a", name: "A", kind: "script", data: null }] })).toThrow(/contextLayers\[0\]\.kind .*"script"/);
    expect(() => readDescription({ contextLayers: [{ id: "a", name: "A", kind: "area", data: { type: "Nope" } }] })).toThrow(/contextLayers\[0\]\.data/);
    expect(() => readDescription("x")).toThrow(/\(root\)/);
  });
  it("reads a bare object as the bare description", () => {
    expect(readDescription({})).toEqual(BARE_DESCRIPTION);
  });
});
