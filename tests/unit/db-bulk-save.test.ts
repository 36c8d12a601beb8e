// A save through COPY (lib/db/copy-text.ts) on both engines: text that COPY's format must escape comes back
// as it went in, each geometry's box and point are Turf's reading of the served GeoJSON (and PostGIS's, where
// it keeps a geometry), and both engines give the same bytes. A position with a height is kept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, testStore, type EngineName, type TestStore } from "../support/db";
import { incident } from "../support/incidents";
import type { Engine } from "@/lib/db/engine";
import { createDataset } from "@/lib/db/datasets";
import { BATCH_ROWS, insertIncidents, saveIncidents, storedText } from "@/lib/db/incidents";
import { readIncidents } from "../support/stored-incidents";
import { bbox } from "@turf/turf";

// Every character COPY's text format treats specially, and text around it that must pass as it is.
const AWKWARD = ["tab\there", "line\nbreak", "cr\rlf\r\n", "back\\slash \\N \\t \\\\", "\"quotes\" and 'apostrophes'", "ضاحية درعا البلد", "emoji 🗺️ é ü ñ", "\\.", ".", "", " "];

const FEATURES = [
  ...AWKWARD.map((text, i) => incident({ event_id: `${text}#${i}`, event_type: text || "Battles", notes: text, location: text, source_quote: `${text}\t${text}` })),
  incident({ event_id: "nulls", event_date: null, event_date_end: null as never, notes: null as never, fatalities: null as never }),
  incident({ event_id: "range", event_date: "2021-07-25", event_date_end: "2021-07-30" }),
  incident({ event_id: "height" }, [36.1, 32.6, 512.5]),
  incident({ event_id: "line" }, { type: "LineString", coordinates: [[35.5, 32.0], [36.05, 32.55, 3], [36.1, 32.6]] }),
  incident({ event_id: "holed" }, { type: "Polygon", coordinates: [[[36, 32], [37, 32], [37, 33], [36, 33], [36, 32]], [[36.2, 32.2], [36.2, 32.4], [36.4, 32.4], [36.2, 32.2]]] }),
  incident({ event_id: "multi" }, {
    type: "MultiPolygon",
    coordinates: [[[[36, 32], [36, 33], [37.12345678, 33], [36, 32]]], [[[-180, -90], [180, -90], [180, 90], [-180, -90]]]],
  }),
  // more than one COPY: the batches after the first continue the numbering
  ...Array.from({ length: BATCH_ROWS + 3 }, (_, i) => incident({ event_id: `bulk-${i}`, notes: `ünïcödé "${i}"\t\n\\` }, [36 + i / 1e5, 32.5 - i / 1e6])),
];

const answers: Partial<Record<EngineName, string[]>> = {};

describe.each(ENGINES)("a bulk save on %s", (engine) => {
  let store: TestStore;
  let db: Engine;
  let datasetId: number;
  beforeAll(async () => {
    store = await testStore(engine);
    db = await store.open({ seed: false });
    datasetId = (await createDataset(db, { slug: "awkward", name: "Awkward", visibility: "public" })).id;
    expect(await saveIncidents(db, datasetId, FEATURES)).toBe(FEATURES.length);
  }, 300_000);
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  it("reads every feature back as it was served, in order", async () => {
    const rows = await readIncidents(db, datasetId);
    expect(rows.map((r) => r.seq)).toEqual(FEATURES.map((_, i) => i));
    expect(rows.map((r) => r.feature)).toEqual(FEATURES.map((f) => storedText(f).text));
    answers[engine] = rows.map((r) => r.feature);
  });

  it("keeps the columns the filters read", async () => {
    const { rows } = await db.query<{ event_id: string; event_type: string; event_date: string | null; event_date_end: string | null }>(
      "SELECT event_id, event_type, event_date, event_date_end FROM incidents WHERE dataset_id = $1 ORDER BY seq", [datasetId],
    );
    expect(rows).toEqual(FEATURES.map(({ properties: p }) => ({ event_id: p.event_id, event_type: p.event_type, event_date: p.event_date ?? null, event_date_end: p.event_date_end ?? null })));
  });

  it("stores each geometry's box and a Point's position to the bit as Turf reads the served GeoJSON", async () => {
    const { rows } = await db.query<{ w: number; s: number; e: number; n: number; x: number | null; y: number | null }>(
      `SELECT (bounds[1])[0] AS w, (bounds[1])[1] AS s, (bounds[0])[0] AS e, (bounds[0])[1] AS n, lnglat[0] AS x, lnglat[1] AS y
         FROM incidents WHERE dataset_id = $1 ORDER BY seq`,
      [datasetId],
    );
    expect(rows).toEqual(
      FEATURES.map((f) => {
        const g = storedText(f).feature.geometry;
        const [w, s, e, n] = bbox(g);
        return { w, s, e, n, x: g.type === "Point" ? g.coordinates[0] : null, y: g.type === "Point" ? g.coordinates[1] : null };
      }),
    );
  });

  it.runIf(engine === "postgres")("keeps, where PostGIS is installed, the geometry as PostGIS reads the served GeoJSON, with the same box", async () => {
    const { rows } = await db.query<{ event_id: string }>(
      `SELECT event_id FROM incidents WHERE dataset_id = $1
         AND (ST_AsEWKB(geom) IS DISTINCT FROM ST_AsEWKB(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON((feature -> 'geometry')::text), 4326)))
           OR NOT (ST_XMin(geom) = (bounds[1])[0] AND ST_YMin(geom) = (bounds[1])[1] AND ST_XMax(geom) = (bounds[0])[0] AND ST_YMax(geom) = (bounds[0])[1]))`,
      [datasetId],
    );
    expect(rows).toEqual([]);
    // The column is two-dimensional: a position's height stays in the feature, not in the geometry.
    const { rows: heights } = await db.query<{ json: string }>("SELECT ST_AsGeoJSON(geom) AS json FROM incidents WHERE dataset_id = $1 AND event_id = 'height'", [datasetId]);
    expect(JSON.parse(heights[0].json)).toEqual({ type: "Point", coordinates: [36.1, 32.6] });
  });

  // The save may run its COPYs with the table's triggers off (lib/db/incidents.ts): the version must move all the same.
  const version = async (id: number) => Number((await db.query<{ version: string }>("SELECT version FROM datasets WHERE id = $1", [id])).rows[0].version);

  it("changes the dataset's version with each save, and only the saved dataset's", async () => {
    const other = (await createDataset(db, { slug: "versioned", name: "Versioned", visibility: "public" })).id;
    const [before, beside] = [await version(other), await version(datasetId)];
    await saveIncidents(db, other, FEATURES.slice(0, 2));
    expect(await version(other)).toBeGreaterThan(before);
    expect(await version(datasetId)).toBe(beside);
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM incidents WHERE dataset_id = $1", [other]);
    expect(rows[0].n).toBe(2);
  });

  it("takes COPY's text as UTF-8 bytes, moved to the store's thread rather than copied", async () => {
    const moved = (await createDataset(db, { slug: "moved", name: "Moved", visibility: "public" })).id;
    const feature = JSON.stringify({ type: "Feature", geometry: { type: "Point", coordinates: [36.1, 32.6] }, properties: { notes: "درعا 🗺️" } });
    const bytes = new TextEncoder().encode(`${moved}\t0\tm\tBattles\t(36.1,32.6),(36.1,32.6)\t${feature}\n`);
    expect(await db.transaction((tx) => tx.copyIn("incidents", ["dataset_id", "seq", "event_id", "event_type", "bounds", "feature"], bytes))).toBe(1);
    expect(bytes.byteLength).toBe(0);
    const { rows } = await db.query<{ feature: string }>("SELECT feature::text AS feature FROM incidents WHERE dataset_id = $1", [moved]);
    expect(rows).toEqual([{ feature }]);
  });

  it.runIf(engine === "postgres")("saves as a role that may not turn the triggers off, which then keep the version and the key", async () => {
    const plain = (await createDataset(db, { slug: "plain-role", name: "Plain", visibility: "public" })).id;
    await db.query("CREATE ROLE bulk_plain NOLOGIN NOSUPERUSER");
    await db.query("GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO bulk_plain");
    const before = await version(plain);
    await db.transaction(async (tx) => {
      await tx.query("SET LOCAL ROLE bulk_plain");
      await insertIncidents(tx, plain, FEATURES.slice(0, 3));
      const { rows } = await tx.query<{ replication: string }>("SELECT current_setting('session_replication_role') AS replication");
      expect(rows[0].replication).toBe("origin");
    });
    expect(await version(plain)).toBeGreaterThan(before);
    // the foreign key is checked row by row again: a row naming no dataset is refused
    await expect(db.transaction(async (tx) => {
      await tx.query("SET LOCAL ROLE bulk_plain");
      await tx.copyIn("incidents", ["dataset_id", "seq", "event_id", "event_type", "bounds", "feature"], `999999\t0\tx\tBattles\t(1,1),(1,1)\t${JSON.stringify({ type: "Feature", geometry: { type: "Point", coordinates: [1, 1] }, properties: {} })}\n`);
    })).rejects.toThrow(/foreign key/);
  });
});

describe("both engines", () => {
  it("give the same bytes", () => {
    expect(answers.embedded).toBeDefined();
    expect(answers.embedded).toEqual(answers.postgres);
  });
});
