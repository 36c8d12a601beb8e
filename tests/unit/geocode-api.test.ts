// GET /api/geocode: the route handler called directly (no server).
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { GET, runtime } from "@/app/api/geocode/route";

const get = (query: string) => GET(new NextRequest(`http://localhost/api/geocode${query}`));

describe("GET /api/geocode", () => {
  it("runs on the Node.js runtime", () => expect(runtime).toBe("nodejs"));

  it("returns the FeatureCollection for q", async () => {
    const res = get("?q=Sheikh%20Maskeen");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.type).toBe("FeatureCollection");
    expect(body.status).toBe("resolved");
    expect(body.features[0].properties.id).toBe("geonames:164328");
  });

  it("answers 200 with status unresolved and no features for an unknown place", async () => {
    const body = await get("?q=xqzzy").json();
    expect(body.status).toBe("unresolved");
    expect(body.features).toEqual([]);
  });

  it.each([
    ["", /missing query parameter q/],
    ["?q=", /empty/],
    ["?q=%20%20", /empty/],
    [`?q=${"a".repeat(10_000)}`, /limit is 200/],
    ["?q=Tafas&limit=0", /limit must be/],
    ["?q=Tafas&limit=abc", /limit must be/],
  ])("400 for %s", async (query, message) => {
    const res = get(query);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toMatch(message);
    expect(JSON.stringify(body).length).toBeLessThan(300);
  });

  it("serves JSON, never HTML, for markup in q", async () => {
    const res = get(`?q=${encodeURIComponent("<script>alert(1)</script>")}`);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect((await res.json()).features).toEqual([]);
  });
});
