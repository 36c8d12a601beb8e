// A store made before the geometry moved to core types (tests/fixtures/migrations-with-postgis: the
// migrations as they were, with PostGIS's geom column and indexes, rows written with it) migrates on both
// engines: the embedded one opened without PostGIS drops the extension, PostgreSQL keeps a geometry. It then
// answers exactly as a new store holding the same incidents, alike on both engines. Slow tier: creating
// PostGIS in PGlite takes a minute.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { postgis } from "@electric-sql/pglite-postgis";
import { ENGINES, testStore, type EngineName, type TestStore } from "../support/db";
import { MIXED_FILTERS, mixedGeometries } from "../support/incidents";
import type { Engine } from "@/lib/db/engine";
import { migrate } from "@/lib/db/migrate";
import { createDataset } from "@/lib/db/datasets";
import { saveIncidents, storedText } from "@/lib/db/incidents";
import { readTexts } from "../support/stored-incidents";
import type { Db, Queryable } from "@/lib/db/types";

const BEFORE = join(process.cwd(), "tests", "fixtures", "migrations-with-postgis");

const FEATURES = mixedGeometries();

const readAll = (db: Db, datasetId: number) => Promise.all(MIXED_FILTERS.map((f) => readTexts(db, datasetId, f)));

/** The dataset written as the code before saved it: the geometry into PostGIS's column, beside the feature. */
async function saveTheOldWay(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ id: number }>("INSERT INTO datasets (slug, name, visibility) VALUES ('mixed', 'Mixed', 'public') RETURNING id");
  for (const [seq, f] of FEATURES.entries()) {
    const { feature, text } = storedText(f);
    const p = feature.properties;
    await db.query(
      `INSERT INTO incidents (dataset_id, seq, event_id, event_date, event_date_end, event_type, geom, feature)
         VALUES ($1, $2, $3, $4, $5, $6, ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($7::text), 4326)), $8::json)`,
      [rows[0].id, seq, p.event_id, p.event_date ?? null, p.event_date_end ?? null, p.event_type, JSON.stringify(feature.geometry), text],
    );
  }
  return rows[0].id;
}

/** PGlite with PostGIS loaded, as the embedded engine was, for migrate(): one transaction, as embedded.ts's session. */
function withPostgis(pg: PGlite): Engine {
  const own = /^\s*(BEGIN|COMMIT|ROLLBACK)\s*;?\s*$/i;
  return {
    session: (fn) =>
      pg.transaction((tx) =>
        fn({
          async query(text, values) {
            if (own.test(text)) return { rows: [], rowCount: 0 };
            const r = values?.length ? await tx.query<Record<string, unknown>>(text, values) : (await tx.exec(text)).at(-1);
            return { rows: (r?.rows ?? []) as Record<string, unknown>[], rowCount: r?.affectedRows ?? 0 };
          },
        }, true),
      ),
  } as Engine;
}

const columnsOf = async (db: Queryable) =>
  (await db.query<{ c: string }>("SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'incidents' ORDER BY c")).rows.map((r) => r.c);
const extensionsOf = async (db: Queryable) => (await db.query<{ e: string }>("SELECT extname AS e FROM pg_extension ORDER BY e")).rows.map((r) => r.e);

const answers: Partial<Record<EngineName, unknown>> = {};

describe.each(ENGINES)("a store made with PostGIS, on %s", (engine) => {
  let before: TestStore;
  let fresh: TestStore;
  let upgraded: Engine;
  let made: Engine;
  let oldId: number;
  let newId: number;
  beforeAll(async () => {
    before = await testStore(engine);
    if (engine === "embedded") {
      const pg = await PGlite.create({ dataDir: before.where.dataDir, extensions: { postgis } });
      await migrate(withPostgis(pg), { dir: BEFORE });
      oldId = await saveTheOldWay({ query: async (text, params) => ({ rows: (await pg.query(text, params as unknown[])).rows as never, rowCount: 0 }), copyIn: () => Promise.reject(new Error("unused")) });
      await pg.close();
    } else {
      const db = await before.open({ migrate: false, seed: false });
      await migrate(db, { dir: BEFORE });
      oldId = await saveTheOldWay(db);
      await db.close();
    }
    upgraded = await before.open({ seed: false });
    fresh = await testStore(engine);
    made = await fresh.open({ seed: false });
    newId = (await createDataset(made, { slug: "mixed", name: "Mixed", visibility: "public" })).id;
    await saveIncidents(made, newId, FEATURES);
  }, 300_000);
  afterAll(async () => {
    await upgraded?.close();
    await made?.close();
    await before?.dispose();
    await fresh?.dispose();
  });

  it("loses PostGIS on the embedded engine, keeps a geometry for GIS tools on PostgreSQL", async () => {
    const withGeom = engine === "postgres";
    expect((await extensionsOf(upgraded)).includes("postgis")).toBe(withGeom);
    expect((await columnsOf(upgraded)).includes("geom")).toBe(withGeom);
    expect(await columnsOf(upgraded)).toEqual(await columnsOf(made));
  });

  it("answers every filter as a new store with the same incidents", async () => {
    const old = await readAll(upgraded, oldId);
    expect(old.map((rows) => rows.length)).toEqual([FEATURES.length, 21, 5, 7, 2, 2, 1]);
    expect(old[2].map((r) => JSON.parse(r.feature).properties.event_id)).toEqual(["corner", "road", "holed", "multi", "grid-34"]);
    expect(old).toEqual(await readAll(made, newId));
    answers[engine] = old;
  });
});

describe("both engines", () => {
  it("answer alike over mixed geometries", () => {
    expect(answers.embedded).toBeDefined();
    expect(answers.embedded).toEqual(answers.postgres);
  });
});
