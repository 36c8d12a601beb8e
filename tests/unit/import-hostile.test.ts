// Hostile files: HTML and script in values and keys stay inert text, reserved keys never become
// properties (nor reach Object.prototype), javascript: links never become links, and a refused file
// leaves everything as it was.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { importFile, safeHttpUrl } from "@/lib/import";
import { assertIncidentCollection } from "@/lib/incident/validate";

const FIXTURES = join(__dirname, "../fixtures/import");
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

const polluted = () => ({}) as Record<string, unknown>;

afterEach(() => {
  // Nothing may have reached the shared prototype.
  expect(polluted().polluted).toBeUndefined();
  expect(polluted().isAdmin).toBeUndefined();
});

describe("hostile GeoJSON", () => {
  it("keeps HTML as text, drops reserved keys, and flattens nested objects", async () => {
    const r = await importFile(fixture("hostile.geojson"), "hostile.geojson", { idPrefix: "H" });
    expect(() => assertIncidentCollection(r.collection)).not.toThrow();
    const [a, b] = r.collection.features;
    expect(a.properties).toMatchObject({
      event_id: "<script>alert(1)</script>",
      location: "<img src=x onerror=alert(1)>",
      notes: "</textarea><svg onload=alert(1)>",
      source_url: "javascript:alert(document.cookie)",
      "<img src=x onerror=alert(2)>": "key is data",
      nested: '{"__proto__":{"polluted":"yes"}}',
    });
    for (const key of ["__proto__", "constructor", "prototype"]) expect(Object.prototype.hasOwnProperty.call(a.properties, key)).toBe(false);
    expect(Object.getPrototypeOf(a.properties)).toBe(Object.prototype);
    expect(r.report.warnings).toEqual(
      expect.arrayContaining([
        'property "__proto__" was dropped: its name is a reserved JavaScript name',
        'property "constructor" was dropped: its name is a reserved JavaScript name',
        'property "prototype" was dropped: its name is a reserved JavaScript name',
      ]),
    );
    expect(safeHttpUrl(a.properties.source_url)).toBeNull();
    expect(safeHttpUrl(b.properties.source_url)).toBe("https://example.org/report?id=1&x=%3Cb%3E");
  });
});

describe("hostile CSV", () => {
  it("drops reserved column names, keeps formulas and HTML as text (the export escapes them)", async () => {
    const r = await importFile(fixture("hostile.csv"), "hostile.csv", { idPrefix: "H" });
    expect(r.report.rejected).toEqual([]);
    const [a, b] = r.collection.features;
    expect(a.properties).toMatchObject({
      event_id: '=HYPERLINK("http://evil.example","click")',
      location: "<script>alert(1)</script>",
      notes: "@SUM(1+1)*cmd|' /C calc'!A0",
      "<img src=x onerror=alert(1)>": "key is data",
      source_url: "javascript:alert(1)",
    });
    expect(b.properties).toMatchObject({ event_id: "+1", location: "-Daraa", notes: "\ttab first" });
    for (const f of r.collection.features) {
      expect(Object.keys(f.properties)).not.toContain("__proto__");
      expect(Object.keys(f.properties)).not.toContain("constructor");
    }
    expect(r.report.warnings).toEqual(
      expect.arrayContaining(['column 8 ("__proto__") was ignored: its name is a reserved JavaScript name', 'column 9 ("constructor") was ignored: its name is a reserved JavaScript name']),
    );
  });

  it("never lets report text carry more than a shortened value", async () => {
    const long = "<script>".repeat(100);
    const csv = `event_type,location,latitude,longitude\n${long},x,32.6,36.1\n`;
    const r = await importFile(new TextEncoder().encode(csv), "x.csv", { idPrefix: "H" });
    expect(r.report.flagged[0]).toMatchObject({ field: "event_type", message: expect.stringMatching(/longer than 100 characters/) });
    expect(r.report.flagged[0].value.length).toBeLessThanOrEqual(81);
  });
});
