// The API's read of a dataset's incidents on both engines (lib/db/incident-reads.ts): SQL admits a superset
// of what the view shows and never drops one, and each row says where its marker stands, its box, its
// facets when asked and its text (as bytes) or its length, as the stored feature does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, testStore, type EngineName, type TestStore } from "../support/db";
import { incident, MIXED_FILTERS, mixedGeometries } from "../support/incidents";
import type { Engine } from "@/lib/db/engine";
import { createDataset } from "@/lib/db/datasets";
import { saveIncidents, storedText } from "@/lib/db/incidents";
import { readCandidateBytes, readCandidates, type IncidentCandidate } from "@/lib/db/incident-reads";
import { readTexts, type TextCandidate } from "../support/stored-incidents";
import { rememberShapes } from "@/lib/db/incident-shapes";
import { applyFilter, type IncidentFilter } from "@/lib/incident/filter";
import { markerAnchor } from "@/lib/incident/anchor";
import { geometryBbox } from "@/lib/geo/bbox";
import type { IncidentFeature } from "@/lib/incident/model";

const SIX: IncidentFeature[] = [
  incident({ event_id: "A", event_date: "2021-07-29", event_type: "Battles", actor2: "Rebels", fatalities: 3 }, [36.1, 32.6]),
  incident({ event_id: "B", event_date: "2021-07-25", event_date_end: "2021-07-30", event_type: "Explosions/Remote violence", geo_precision: 2 }, [36.3, 32.8]),
  incident({ event_id: "C", event_date: null, time_precision: 3, event_type: "Battles", notes: "Ḍarʿā — ünïcode" }, [36.1, 32.6]),
  incident({ event_id: "D", event_date: "2021-08-02", event_type: "Protests" }, [35.9, 32.6]),
  // A road from outside the box into it: its geometry meets the box, its anchor (its middle vertex's
  // position along it) may not.
  incident({ event_id: "E", event_date: "2021-07-31", event_type: "Battles" }, { type: "LineString", coordinates: [[35.5, 32.0], [35.6, 32.1], [36.05, 32.55]] }),
  // A clockwise square: stored rewound.
  incident({ event_id: "F", event_date: "2021-07-31", event_type: "Battles", geo_precision: 3 }, { type: "Polygon", coordinates: [[[36, 32.5], [36, 32.7], [36.2, 32.7], [36.2, 32.5], [36, 32.5]]] }),
];

const FILTERS: IncidentFilter[] = [
  {},
  { bbox: [36.0, 32.5, 36.2, 32.7] },
  { bbox: [36.0, 32.5, 36.2, 32.7], from: "2021-07-28", to: "2021-07-31" },
  { from: "2021-07-30", to: "2021-08-05", includeUndated: true },
  { types: ["Battles"] },
  { actors: ["Rebels"] },
  { fatalities: "none", geoPrecision: [1, 3] },
];

const idOf = (c: IncidentCandidate) => SIX[c.seq].properties.event_id;

// What each engine read of mixedGeometries() for MIXED_FILTERS, compared at the end.
const mixedAnswers: Partial<Record<EngineName, TextCandidate[][]>> = {};

describe.each(ENGINES)("reading a dataset's incidents for the API on %s", (engine) => {
  let store: TestStore;
  let db: Engine;
  let datasetId: number;
  let mixedId: number;
  beforeAll(async () => {
    store = await testStore(engine);
    db = await store.open({ seed: false });
    datasetId = (await createDataset(db, { slug: "six", name: "Six", visibility: "public" })).id;
    await saveIncidents(db, datasetId, SIX);
    mixedId = (await createDataset(db, { slug: "mixed", name: "Mixed", visibility: "public" })).id;
    await saveIncidents(db, mixedId, mixedGeometries());
  }, 300_000);
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  it.each(FILTERS)("%j: a superset of what the view shows, in seq order, each with its stored anchor and box", async (filter) => {
    const rows = await readTexts(db, datasetId, filter);
    const shown = applyFilter(SIX, (f) => ({ properties: f.properties, anchor: markerAnchor(f.geometry) }), filter).map((f) => f.properties.event_id);
    const read = rows.map(idOf);
    expect(read).toEqual([...read].sort());
    for (const id of shown) expect(read).toContain(id);
    for (const c of rows) {
      const stored = storedText(SIX[c.seq]);
      expect(c.feature).toBe(stored.text);
      expect(c.anchor).toEqual(markerAnchor(stored.feature.geometry));
      expect(c.box).toEqual(geometryBbox(stored.feature.geometry));
    }
  });

  it("narrows in SQL by the geometry's box, the days and the types", async () => {
    const ids = async (filter: IncidentFilter) => (await readCandidates(db, datasetId, filter)).rows.map(idOf);
    expect(await ids({ bbox: [36.0, 32.5, 36.2, 32.7] })).toEqual(["A", "C", "E", "F"]);
    expect(await ids({ from: "2021-07-30", to: "2021-08-05" })).toEqual(["B", "D", "E", "F"]);
    expect(await ids({ from: "2021-07-30", to: "2021-08-05", includeUndated: true })).toEqual(["B", "C", "D", "E", "F"]);
    expect(await ids({ types: ["Battles", "Protests"] })).toEqual(["A", "C", "D", "E", "F"]);
    // Actors, fatalities and precision are the exact rules' (lib/server/incident-query.ts): all rows come.
    expect(await ids({ actors: ["Nobody"], fatalities: "some", geoPrecision: [2] })).toEqual(["A", "B", "C", "D", "E", "F"]);
  });

  it("reads the facets only when the filter has them, as the properties hold them", async () => {
    const plain = await readCandidates(db, datasetId, { types: ["Battles"] });
    expect(plain.rows.every((c) => c.facets === undefined)).toBe(true);
    const { rows } = await readCandidates(db, datasetId, { fatalities: "some" });
    for (const c of rows) {
      const p = SIX[c.seq].properties;
      expect(c.facets).toEqual({ event_type: p.event_type, actor1: p.actor1, actor2: p.actor2, fatalities: p.fatalities, geo_precision: p.geo_precision });
    }
    expect(rows.find((c) => idOf(c) === "A")?.facets?.actor2).toBe("Rebels");
  });

  it("gives the text's UTF-8 length without the text", async () => {
    const { rows } = await readCandidates(db, datasetId, {});
    expect(rows.every((c) => c.featureBytes === undefined)).toBe(true);
    expect(rows.map((c) => c.bytes)).toEqual(SIX.map((f) => Buffer.byteLength(storedText(f).text)));
  });

  it("stops at `limit` rows, the first by seq, and refuses a limit that is not a count", async () => {
    expect((await readCandidateBytes(db, datasetId, { types: ["Battles"] }, 2)).rows.map(idOf)).toEqual(["A", "C"]);
    expect((await readCandidateBytes(db, datasetId, {}, 0)).rows).toEqual([]);
    await expect(readCandidateBytes(db, datasetId, {}, 1.5)).rejects.toThrow(/limit: not a count of rows \(value: 1\.5\)/);
  });

  it("works a road's or an area's shape out once: kept, the next read takes it from the store", async () => {
    const first = await readCandidates(db, datasetId, {});
    expect(first.learned.map((s) => SIX[s.seq].properties.event_id)).toEqual(["E", "F"]);
    await rememberShapes(db, datasetId, first.learned);
    const again = await readCandidates(db, datasetId, {});
    expect(again.learned).toEqual([]);
    expect(again.rows.map((c) => [c.anchor, c.box])).toEqual(first.rows.map((c) => [c.anchor, c.box]));
  });

  // The two reads the API makes (a map view's, a large answer's) agree, each feature's bytes as long as the other says.
  it.each(FILTERS)("%j as bytes: the same rows, anchors, boxes and facets as the lengths' read", async (filter) => {
    const lengths = await readCandidates(db, datasetId, filter);
    const bytes = await readCandidateBytes(db, datasetId, filter, 100);
    expect(bytes.learned).toEqual(lengths.learned);
    expect(bytes.rows.map(({ featureBytes, ...c }) => ({ ...c, bytes: featureBytes!.length }))).toEqual(lengths.rows);
  });

  it("writes a type's text into the bytes' statement as it is, quotes and dollar signs included", async () => {
    const odd = ["Battles", "it's", "$v$ OR true --", "$v0$"];
    const ids = async (types: string[]) => (await readCandidateBytes(db, datasetId, { types }, 100)).rows.map(idOf);
    expect(await ids(odd)).toEqual(["A", "C", "E", "F"]);
    expect(await ids(odd.slice(1))).toEqual([]);
    expect((await readCandidateBytes(db, datasetId, { types: ["Protests"] }, 1)).rows.map(idOf)).toEqual(["D"]);
  });

  it("reads mixed geometries: every filter's rows, anchors, boxes and texts", async () => {
    const read = await Promise.all(MIXED_FILTERS.map((f) => readTexts(db, mixedId, f)));
    expect(read.map((rows) => rows.length)).toEqual([mixedGeometries().length, 21, 5, 7, 2, 2, 1]);
    const lengths = await Promise.all(MIXED_FILTERS.map(async (f) => (await readCandidates(db, mixedId, f)).rows));
    expect(read.map((rows) => rows.map(({ feature, ...c }) => ({ ...c, bytes: Buffer.byteLength(feature) })))).toEqual(lengths);
    mixedAnswers[engine] = read;
  });
});

describe("both engines", () => {
  it("read mixed geometries alike, to the byte", () => {
    expect(mixedAnswers.embedded).toBeDefined();
    expect(mixedAnswers.embedded).toEqual(mixedAnswers.postgres);
  });
});
