// Exports of whole datasets: written a slice at a time (the same collection and CSV as in one go), each
// feature tagged with its dataset, named after the datasets and the day.
import { describe, expect, it } from "vitest";
import { acledCsvParts, toAcledCsv } from "@/lib/export/csv";
import { datasetsFileName, datasetsName, taggedFeature } from "@/lib/export/datasets";
import { toExportCollection } from "@/lib/export/geojson";
import { geojsonParts } from "@/lib/export/geojson-parts";
import { allGroups, viewGroups, type ExportableDataset } from "@/lib/export/scope";
import { importFile } from "@/lib/import";
import { placeIncidents } from "@/lib/incident/place";
import type { IncidentFeature } from "@/lib/incident/model";
import { incident } from "../support/incidents";

const DAY = new Date("2026-12-07T10:00:00Z");
const many = (prefix: string, n: number, extra: Record<string, unknown> = {}): IncidentFeature[] =>
  Array.from({ length: n }, (_, i) =>
    incident({ event_id: `${prefix}${i}`, fatalities: i % 3, event_date: `2021-08-${String((i % 28) + 1).padStart(2, "0")}`, ...extra }, [36 + i / 1000.123456789, 32.5 + i / 777]),
  );

describe("geojsonParts", () => {
  it("joins to exactly toExportCollection's collection, whatever the slice size", () => {
    const features = [
      ...many("a", 25),
      incident({ event_id: "poly" }, { type: "Polygon", coordinates: [[[36.05, 32.7], [36.05, 32.8], [36.15, 32.8], [36.15, 32.7], [36.05, 32.7]]] }),
    ];
    const options = { name: "A + B", filters: { from: "2021-08-01" } };
    const expected = toExportCollection(features, options);
    for (const size of [1, 7, 26, 1000]) {
      const parts = [...geojsonParts([{ features }], options, size)];
      expect(parts.length).toBe(2 + Math.ceil(features.length / size));
      expect(JSON.parse(parts.join(""))).toEqual(expected);
    }
  });

  it("an empty export is a valid empty collection with no bbox", () => {
    expect(JSON.parse([...geojsonParts([{ features: [] }, { features: [], tag: { slug: null, name: "x" } }], { name: "none" })].join(""))).toEqual(toExportCollection([], { name: "none" }));
  });

  it("lets two datasets share an id (each numbers its own) but not one dataset, naming the index among all", () => {
    const text = [...geojsonParts([{ features: many("x", 3) }, { features: many("x", 3) }], { name: "two" }, 2)].join("");
    expect(JSON.parse(text).features).toHaveLength(6);
    const twice = [...many("y", 3), ...many("y", 1)];
    expect(() => [...geojsonParts([{ features: many("z", 5) }, { features: twice }], { name: "bad" }, 100)]).toThrow(/features\[8\]\.properties\.event_id.*duplicates/);
    const bad = many("w", 5);
    bad[4] = incident({ event_id: "w4", fatalities: -1 });
    expect(() => [...geojsonParts([{ features: many("v", 3) }, { features: bad }], { name: "bad" }, 2)]).toThrow(/features\[7\]\.properties\.fatalities.*-1/);
  });
});

describe("acledCsvParts", () => {
  it("joins to exactly toAcledCsv's text: one header, each slice's rows", () => {
    const features = many("c", 11, { phase: "one" });
    const parts = [...acledCsvParts([{ features }], 4)];
    expect(parts).toHaveLength(1 + 3);
    expect(parts.join("")).toBe(toAcledCsv(features));
    expect(parts.join("").split("\r\n").filter((l) => l.startsWith("c"))).toHaveLength(11);
  });

  it("the dataset columns re-import to the same values; a local import's null slug stays empty", async () => {
    const saved = { features: many("s", 2), tag: { slug: "acled-2020-x1y2", name: "ACLED 2020, global" } };
    const local = { features: many("l", 1), tag: { slug: null, name: "my file.csv" } };
    const csv = [...acledCsvParts([saved, local], 1)].join("");
    expect(csv.split("\r\n")[0]).toMatch(/,dataset,dataset_name$/);
    const back = await importFile(new TextEncoder().encode(csv), "again.csv", { idPrefix: "RT" });
    expect(back.report.rejected).toEqual([]);
    const byId = new Map(back.collection.features.map((f) => [f.properties.event_id, f.properties]));
    expect(byId.get("s1")).toMatchObject({ dataset: "acled-2020-x1y2", dataset_name: "ACLED 2020, global" });
    expect(byId.get("l0")).toMatchObject({ dataset_name: "my file.csv" });
    expect(byId.get("l0")?.dataset ?? null).toBeNull();
  });
});

describe("dataset names", () => {
  it("tags a feature with its dataset without touching the input", () => {
    const f = incident({ event_id: "t" });
    const out = taggedFeature(f, { slug: null, name: "mine.geojson" });
    expect(out.properties).toMatchObject({ dataset: null, dataset_name: "mine.geojson", event_id: "t" });
    expect("dataset" in f.properties).toBe(false);
  });

  it("names the collection after the datasets, each once", () => {
    expect(datasetsName([{ slug: "a", name: "2021 Daraa offensive" }, { slug: null, name: "my.csv" }, { slug: "a", name: "2021 Daraa offensive" }])).toBe(
      "2021 Daraa offensive + my.csv",
    );
    expect(datasetsName([])).toBe("No datasets");
  });

  it("names the file after the datasets and the day, in safe characters only", () => {
    expect(datasetsFileName([{ slug: "daraa-2021", name: "2021 Daraa offensive" }], "geojson", DAY)).toBe("2021-daraa-offensive-2026-12-07.geojson");
    expect(datasetsFileName([{ slug: "x", name: "Côte d'Ivoire / 2016" }, { slug: null, name: `${["..", "..", "évil<script>.CSV"].join("/")}` }], "csv", DAY)).toBe(
      "cote-d-ivoire-2016_evil-script-2026-12-07.csv",
    );
    // A name with no Latin letter falls back to the slug, then to "incidents".
    expect(datasetsFileName([{ slug: "homs-a1b2", name: "حمص" }], "csv", DAY)).toBe("homs-a1b2-2026-12-07.csv");
    expect(datasetsFileName([{ slug: null, name: "حمص.csv" }], "geojson", DAY)).toBe("incidents-2026-12-07.geojson");
    const long = datasetsFileName([{ slug: null, name: "a".repeat(300) }], "csv", DAY);
    expect(long).toMatch(/^[a-z0-9_-]+\.csv$/);
    expect(long.length).toBeLessThanOrEqual(80 + "-2026-12-07.csv".length);
  });
});

describe("export scopes", () => {
  const a = placeIncidents(many("a", 6));
  const b = placeIncidents(many("b", 4));
  const datasets: ExportableDataset[] = [
    { slug: "aa", name: "A", visible: true, incidents: a },
    { slug: null, name: "b.csv", visible: true, incidents: b },
    { slug: "off", name: "Hidden", visible: false, incidents: placeIncidents(many("h", 2)) },
    { slug: "slow", name: "Loading", visible: true, incidents: null },
  ];

  it('"in view" groups the shown incidents by their dataset, one group per dataset switched on', () => {
    const shown = [b[1], a[0]].map((p) => ({ feature: p.feature, distance: p.distance }));
    const groups = viewGroups(shown, datasets, null);
    expect(groups.map((g) => [g.tag.name, g.features.map((f) => f.properties.event_id)])).toEqual([
      ["A", ["a0"]],
      ["b.csv", ["b1"]],
      ["Loading", []],
    ]);
    const written = JSON.parse([...geojsonParts(groups, { name: "x" })].join("")) as { features: IncidentFeature[] };
    expect(written.features[1].properties).toMatchObject({ event_id: "b1", dataset: null, dataset_name: "b.csv" });
  });

  it('"all" is every incident the filter keeps of each dataset switched on, ignoring the view', () => {
    const groups = allGroups(datasets, { fatalities: "some", bbox: [0, 0, 0.1, 0.1] }, null);
    expect(groups.map((g) => g.tag.name)).toEqual(["A", "b.csv"]);
    expect(groups[0].features.map((f) => f.properties.event_id)).toEqual(["a1", "a2", "a4", "a5"]);
    expect(groups[1].features.map((f) => f.properties.event_id)).toEqual(["b1", "b2"]);
    const written = JSON.parse([...geojsonParts(groups, { name: "x" })].join("")) as { features: IncidentFeature[] };
    expect(written.features.map((f) => [f.properties.event_id, f.properties.dataset, f.properties.dataset_name])).toEqual([
      ["a1", "aa", "A"], ["a2", "aa", "A"], ["a4", "aa", "A"], ["a5", "aa", "A"], ["b1", null, "b.csv"], ["b2", null, "b.csv"],
    ]);
  });

  it('"all" measures distances from another reference point, as the page does', () => {
    const [group] = allGroups([datasets[0]], {}, [36, 32.5]);
    expect(group.features[0].properties.distance_ref_km).toBe(0);
    expect(group.features[1].properties.distance_ref_km).toBeGreaterThan(0);
  });
});
