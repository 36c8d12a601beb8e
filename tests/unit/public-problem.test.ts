// A public read's failure is answered like its refusals: no-store and readable cross-origin (GET /api/geocode's
// 500 had neither header).
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";

vi.mock("@/lib/geocode", async (original) => ({
  ...(await original<typeof import("@/lib/geocode")>()),
  geocodePlace: () => {
    throw new Error("the gazetteer is gone");
  },
}));

describe("a public read that fails", () => {
  it("GET /api/geocode answers 500 with the public error headers", async () => {
    const { GET } = await import("@/app/api/geocode/route");
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = GET(new NextRequest("http://localhost/api/geocode?q=Tafas"));
    expect(res.status).toBe(500);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(await res.json()).toEqual({ error: "geocoder failed; see the server log" });
  });
});
