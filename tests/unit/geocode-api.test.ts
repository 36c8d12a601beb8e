// GET and POST /api/geocode: the route handlers called directly (no server).
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { GET, POST, runtime } from "@/app/api/geocode/route";
import { defaultWorld } from "@/lib/geocode/world";

// The world gazetteer loads on first use (seconds on a busy machine): once, before any case.
beforeAll(() => void defaultWorld().places(), 120_000);

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

describe("POST /api/geocode", () => {
  const post = (body: unknown, init: { raw?: string; headers?: Record<string, string> } = {}) =>
    POST(new NextRequest("http://localhost/api/geocode", { method: "POST", headers: { "content-type": "application/json", ...init.headers }, body: init.raw ?? JSON.stringify(body) }));

  it("answers one FeatureCollection per query, in order, with the row's context used", async () => {
    const res = await post({ queries: [{ text: "LANDAZURI", admin1: "SANTANDER" }, { text: "Sheikh Maskeen" }, { text: "Sudan" }, { text: "xqzzy" }] });
    expect(res.status).toBe(200);
    const { results } = await res.json();
    expect(results.map((r: { status: string; features: { properties: { id: string } }[] }) => [r.status, r.features[0]?.properties.id])).toEqual([
      ["resolved", "geonames:3678328"],
      ["resolved", "geonames:164328"],
      ["resolved", "country:SD"],
      ["unresolved", undefined],
    ]);
  });

  it.each([
    ["a body that is not JSON", { raw: "{queries:" }, 400, "body", undefined],
    ["no queries list", { body: { places: [] } }, 400, "queries", undefined],
    ["a query that is not an object", { body: { queries: [{ text: "Tafas" }, "Daraa"] } }, 400, "queries[1]", "Daraa"],
    ["a query without text", { body: { queries: [{ country: "Colombia" }] } }, 400, "queries[0].text", null],
    ["a context field that is not text", { body: { queries: [{ text: "Barbosa", admin1: 68 }] } }, 400, "queries[0].admin1", 68],
    ["an unknown field", { body: { queries: [{ text: "Barbosa", province: "Santander" }] } }, 400, "queries[0].province", "Santander"],
    ["a control character", { body: { queries: [{ text: "Tafas\u0000" }] } }, 400, "queries[0].text", "Tafas?"],
    ["an over-long field", { body: { queries: [{ text: "Tafas", admin2: "a".repeat(201) }] } }, 400, "queries[0].admin2", `${"a".repeat(57)}...`],
    ["too many queries", { body: { queries: Array.from({ length: 501 }, () => ({ text: "Tafas" })) } }, 413, "queries", "a list of 501"],
    ["a body over the byte limit", { raw: JSON.stringify({ queries: [{ text: "x".repeat(1024 * 1024) }] }) }, 413, "body", undefined],
  ])("%s: the status, the field and the value", async (_, input, status, field, value) => {
    const res = await post((input as { body?: unknown }).body, { raw: (input as { raw?: string }).raw });
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.field).toBe(field);
    if (value !== undefined) expect(body.value).toEqual(value);
    expect(JSON.stringify(body).length).toBeLessThan(400);
  });
});
