// The gazetteer files: every curated row sourced, kinds and precisions valid, estimates explained.
import { describe, expect, it } from "vitest";
import { loadGazetteer, GazetteerError } from "@/lib/geocode";

const g = loadGazetteer();

describe("gazetteer", () => {
  it("holds GeoNames towns for all of Syria and the curated supplement", () => {
    expect(g.counts.geonames).toBeGreaterThan(250);
    expect(g.counts.curated).toBeGreaterThan(15);
    expect(new Set(g.entries.filter((e) => e.origin === "geonames").map((e) => e.admin1)).size).toBe(14);
    expect(g.attribution).toMatch(/GeoNames/);
  });

  it("every curated row has a source, a kind, a precision, an Arabic name and positions in Syria", () => {
    for (const e of g.entries.filter((x) => x.origin === "curated")) {
      expect(e.source, e.id).toMatch(/^(geonames:\d+|https?:\/\/)/);
      expect(["town", "neighbourhood", "road", "checkpoint", "region"], e.id).toContain(e.kind);
      expect([1, 2, 3], e.id).toContain(e.precision);
      expect(e.name_ar, e.id).toMatch(/[\u0600-\u06FF]/);
      const [lng, lat] = e.point;
      expect(lng, e.id).toBeGreaterThan(35);
      expect(lng, e.id).toBeLessThan(43);
      expect(lat, e.id).toBeGreaterThan(32);
      expect(lat, e.id).toBeLessThan(38);
    }
  });

  it("a curated position at precision 2 or worse that is not a derived region says why it is an estimate", () => {
    for (const e of g.entries.filter((x) => x.origin === "curated" && x.precision >= 2)) expect(e.estimate, e.id).toBeTruthy();
  });

  it("regions are polygons at precision 3, roads are lines", () => {
    for (const e of g.entries) {
      if (e.kind === "region") expect([e.geometry.type, e.precision]).toEqual(["Polygon", 3]);
      if (e.kind === "road") expect(e.geometry.type).toBe("LineString");
    }
  });

  it("a missing data directory is a GazetteerError naming the file", () => {
    expect(() => loadGazetteer("/nonexistent/dir")).toThrow(GazetteerError);
    expect(() => loadGazetteer("/nonexistent/dir")).toThrow(/geonames-sy\.json/);
  });
});
