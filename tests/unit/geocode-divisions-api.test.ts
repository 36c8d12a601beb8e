// POST /api/geocode/divisions: the route handler called directly (no server).
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { POST, runtime } from "@/app/api/geocode/divisions/route";
import { MAX_DIVISION_BYTES, MAX_DIVISION_POINTS } from "@/lib/geocode";
import { defaultWorld } from "@/lib/geocode/world";
import { bodyLimit } from "@/lib/server/api-routes";

beforeAll(() => void defaultWorld().places(), 120_000);

const post = (body: unknown, raw?: string) =>
  POST(new NextRequest("http://localhost/api/geocode/divisions", { method: "POST", headers: { "content-type": "application/json" }, body: raw ?? JSON.stringify(body) }));

describe("POST /api/geocode/divisions", () => {
  it("runs on the Node.js runtime", () => expect(runtime).toBe("nodejs"));

  it("answers each point's division and country in order, null at sea", async () => {
    // Daraa, the sea, Nuremberg, and Irbid: over the border from Daraa, in Jordan's division whatever a file says.
    const res = await post({ points: [[36.1021, 32.6189], [34.5, 33.0], [11.0775, 49.4521], [35.8500, 32.5556]] });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({
      divisions: [
        { division: "Daraa", country: "SY", countryName: "Syria" },
        null,
        { division: "Bavaria", country: "DE", countryName: "Germany" },
        { division: "Irbid", country: "JO", countryName: "Jordan" },
      ],
    });
  });

  it("answers an empty list for no points", async () => {
    expect(await (await post({ points: [] })).json()).toEqual({ divisions: [] });
  });

  it.each([
    [{}, "points", null],
    [{ points: "36,32" }, "points", "36,32"],
    [{ points: [[36.1, 32.6], [200, 10]] }, "points[1]", [200, 10]],
    [{ points: [[36.1, 32.6], [10, -95]] }, "points[1]", [10, -95]],
    [{ points: [["36.1", 32.6]] }, "points[0]", ["36.1", 32.6]],
    [{ points: [[36.1, 32.6, 0]] }, "points[0]", "a list of 3"],
    [{ points: [{ lng: 36.1, lat: 32.6 }] }, "points[0]", "an object"],
    [{ points: [[{ x: 1 }, "y".repeat(100)]] }, "points[0]", ["an object", `${"y".repeat(37)}...`]],
  ])("400 naming the field and value for %j", async (body, field, value) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const answer = await res.json();
    expect(answer).toMatchObject({ field, value });
    expect(answer.error).toMatch(new RegExp(`^${field.replace(/[[\]]/g, "\\$&")}: `));
  });

  it("413 for more than MAX_DIVISION_POINTS points", async () => {
    const res = await post({ points: Array.from({ length: MAX_DIVISION_POINTS + 1 }, () => [1, 1]) });
    expect(res.status).toBe(413);
    expect((await res.json()).field).toBe("points");
  });

  it("fits MAX_DIVISION_POINTS points written at full precision in its body limit, the one the front door applies", async () => {
    const body = JSON.stringify({ points: Array.from({ length: MAX_DIVISION_POINTS }, () => [-179.12345678901234, -89.12345678901234]) });
    expect(body.length).toBeLessThanOrEqual(MAX_DIVISION_BYTES);
    expect(bodyLimit("/api/geocode/divisions")).toBe(MAX_DIVISION_BYTES);
  });

  it("400 for a body that is not JSON", async () => {
    expect((await post(undefined, "{points:")).status).toBe(400);
  });
});
