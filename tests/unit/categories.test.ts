// A file's own event types ("categories") from styles to wire format and exports: ACLED's six keep their
// look, any other category keeps its name and gets a style, hostile names stay data.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { categoryStyles, countCategories, EVENT_STYLES, MAX_OWN_STYLES, OTHER_CATEGORIES_STYLE, ownStyle, slotTotals, UNCLASSIFIED_STYLE, type EventStyle } from "@/lib/display/event-style";
import { buildClusterIndex, viewItems } from "@/lib/display/cluster";
import { encodeColumns } from "@/lib/columns/encode";
import { readColumns } from "@/lib/columns/read";
import { buildPlaced } from "@/lib/columns/build";
import { PREAMBLE_BYTES, type Header } from "@/lib/columns/format";
import { toExportCollection } from "@/lib/export/geojson";
import { toAcledCsv } from "@/lib/export/csv";
import { importFile } from "@/lib/import";
import { placeIncidents, type PlacedIncident } from "@/lib/incident/place";
import { assertIncidentCollection, GeoJSONValidationError } from "@/lib/incident/validate";
import { EVENT_TYPES } from "@/lib/incident/model";
import { incident } from "../support/incidents";

interface StyleCase {
  name: string;
  counts: Record<string, number>;
  categories: string[];
  styles: Record<string, EventStyle>;
  slots: number;
  others: string[];
}
const FIXTURE = JSON.parse(readFileSync(join(__dirname, "../fixtures/categories/styles.json"), "utf8")) as { cases: StyleCase[] };

/** Categories a hostile or merely foreign file may hold; every one is a valid event_type. */
const HOSTILE = [
  "Shelling",
  "Unclassified",
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
  "\u202eGNILLEHS", // right-to-left override
  "قصف مدفعي",
  "=1+1",
  "-5 km",
  'He said "hi", then; left',
  "a,b",
  "__proto__",
  "constructor",
  "💥".repeat(100),
];

describe("categoryStyles", () => {
  it.each(FIXTURE.cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const styles = categoryStyles(new Map(Object.entries(c.counts)));
    expect(styles.categories).toEqual(c.categories);
    for (const [category, style] of Object.entries(c.styles)) expect(styles.styleOf(category), category).toEqual(style);
    expect(styles.slots).toHaveLength(c.slots);
    expect(styles.others).toEqual(c.others);
  });

  it("gives the same styles whatever order the counts come in", () => {
    const entries = Object.entries(FIXTURE.cases[2].counts);
    const a = categoryStyles(new Map(entries));
    const b = categoryStyles(new Map([...entries].reverse()));
    expect(b.categories).toEqual(a.categories);
    for (const t of a.categories) expect(b.styleOf(t)).toEqual(a.styleOf(t));
  });

  it("never gives an own category one of ACLED's colours, nor two own categories the same look", () => {
    const acled = new Set(Object.values(EVENT_STYLES).map((s) => s.color.toLowerCase()));
    const own = Array.from({ length: MAX_OWN_STYLES }, (_, i) => ownStyle(i));
    for (const s of own) expect(acled.has(s.color.toLowerCase()), s.color).toBe(false);
    expect(new Set(own.map((s) => `${s.color} ${s.shape}`)).size).toBe(MAX_OWN_STYLES);
    expect(new Set(own.map((s) => s.slug)).size).toBe(MAX_OWN_STYLES);
    for (const s of [UNCLASSIFIED_STYLE, OTHER_CATEGORIES_STYLE]) expect(acled.has(s.color.toLowerCase())).toBe(false);
  });

  it("makes slugs from the slot, never from a category's text", () => {
    const styles = categoryStyles(countCategories(HOSTILE, (t) => t));
    for (const t of HOSTILE) expect(styles.styleOf(t).slug).toMatch(/^[a-z0-9-]+$/);
  });

  it("caps 10,000 categories at 18 styles plus the shared one, every name still listed", () => {
    const counts = new Map(Array.from({ length: 10_000 }, (_, i) => [`category ${String(i).padStart(5, "0")}`, 1]));
    const styles = categoryStyles(counts);
    expect(styles.categories).toHaveLength(6 + 10_000);
    expect(styles.slots).toHaveLength(6 + MAX_OWN_STYLES + 1);
    expect(styles.others).toHaveLength(10_000 - MAX_OWN_STYLES);
    expect(styles.styleOf("category 00017").slug).toBe("own-18");
    expect(styles.styleOf("category 09999")).toBe(OTHER_CATEGORIES_STYLE);
    expect(styles.categoryOf(styles.slots.length - 1)).toBeNull();
  });
});

describe("slotTotals", () => {
  it("sums a bar's counts by slot, in slot order, zeros left out", () => {
    const styles = categoryStyles(new Map([["Shelling", 3], ["Unclassified", 1]]));
    const byType = Object.assign(Object.create(null) as Record<string, number>, { Unclassified: 2, Shelling: 1, Battles: 4, Riots: 0, "not loaded": 1, "also not": 2 });
    expect(slotTotals(byType, styles)).toEqual([[0, 4], [6, 1], [7, 2], [8, 3]]);
  });
});

describe("cluster pies count by style slot", () => {
  it("counts a file's own categories in their own slot", () => {
    const at: [number, number] = [36.1, 32.6];
    const types = ["Shelling", "Shelling", "Battles", "Unclassified", "Airstrike"];
    const styles = categoryStyles(countCategories(types, (t) => t));
    const index = buildClusterIndex(types.map((type) => ({ anchor: at, type })), styles);
    const [cluster] = viewItems(index, [35, 32, 37, 33], 5);
    expect(cluster.kind).toBe("cluster");
    // Battles, five more of ACLED's, Shelling (2), Airstrike (1), Unclassified, the shared slot.
    expect(cluster.kind === "cluster" && cluster.counts).toEqual([1, 0, 0, 0, 0, 0, 2, 1, 1, 0]);
  });
});

const placedWith = (types: readonly string[]): PlacedIncident[] =>
  placeIncidents(types.map((event_type, i) => incident({ event_id: `C-${i}`, event_type }, [36 + (i % 100) / 100, 32 + Math.floor(i / 100) / 100])));

function eventTypeColumn(bytes: Uint8Array): Header["properties"][number] {
  const length = new DataView(bytes.buffer).getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + length))) as Header;
  return header.properties.find((c) => c.key === "event_type")!;
}

describe("the page's columns carry any category", () => {
  it("round-trips hostile categories through a per-dataset dictionary of strings", () => {
    const placed = placedWith([...HOSTILE, ...HOSTILE, ...EVENT_TYPES]);
    const bytes = encodeColumns(placed);
    expect(eventTypeColumn(bytes).dict).toEqual([...HOSTILE, ...EVENT_TYPES]);
    expect(buildPlaced(readColumns(bytes.slice().buffer))).toEqual(placed);
  });

  it("round-trips 10,000 distinct categories, as a 2-byte dictionary when they repeat and plain when they do not", () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `Kategorie ${i} <b>`);
    const repeated = placedWith([...names, ...names]);
    const bytes = encodeColumns(repeated);
    expect(eventTypeColumn(bytes).codes.kind).toBe("u16");
    expect(buildPlaced(readColumns(bytes.slice().buffer)).map((p) => p.feature.properties.event_type)).toEqual([...names, ...names]);
    const once = placedWith(names);
    expect(eventTypeColumn(encodeColumns(once)).plain).toHaveLength(10_000);
    expect(buildPlaced(readColumns(encodeColumns(once).slice().buffer))).toEqual(once);
  });

  it("refuses a body whose category breaks the model, naming the incident and the value", () => {
    const placed = placedWith(["Shelling", "Shelling", "Battles"]);
    const bytes = encodeColumns(placed);
    // The same number of bytes in the header's JSON: "Shelling" becomes "Sh" and a BEL character.
    const at = new TextDecoder("latin1").decode(bytes).indexOf('"Shelling"') + 1;
    const bad = bytes.slice();
    bad.set(new TextEncoder().encode("Sh\\u0007"), at);
    let error: unknown;
    try {
      readColumns(bad.slice().buffer);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(GeoJSONValidationError);
    expect((error as GeoJSONValidationError).issues.slice(0, 2)).toEqual([
      { path: "features[0].properties.event_type", value: '"Sh\\u0007"', message: expect.stringMatching(/^must be a category/) },
      { path: "features[1].properties.event_type", value: '"Sh\\u0007"', message: expect.stringMatching(/^must be a category/) },
    ]);
  });
});

describe("exports carry any category", () => {
  const features = placedWith(HOSTILE).map((p) => p.feature);

  it("GeoJSON: written and read back as the same strings", () => {
    const text = JSON.stringify(toExportCollection(features, { name: "test" }));
    expect(assertIncidentCollection(JSON.parse(text)).features.map((f) => f.properties.event_type)).toEqual(HOSTILE);
  });

  it("CSV: re-imports to the same categories, formula-like ones made inert and back", async () => {
    const csv = toAcledCsv(features);
    expect(csv).toContain(",'=1+1,");
    const r = await importFile(new TextEncoder().encode(csv), "export.csv", { idPrefix: "RT" });
    expect(r.report.rejected).toEqual([]);
    expect(r.collection.features.map((f) => f.properties.event_type)).toEqual(HOSTILE);
  });
});
