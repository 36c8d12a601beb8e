// `npm run bench -- db-store`: the store's own figures on both engines: how long the embedded store takes
// to start (first ever, and later), and saving 100,000 incidents in one transaction with the store's
// COPY (lib/db/copy-text.ts) beside the former alternatives (embedded: COPY from a blob through a staging
// table, read apart in SQL; PostgreSQL: one JSON array a batch, read apart in SQL).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { cities500Path } from "../lib/build/cities500";
import { parseGeonamesTowns, synthesizeIncidents } from "../lib/build/synth";
import { openDb } from "../lib/db/open";
import { createDataset } from "../lib/db/datasets";
import { saveIncidents } from "../lib/db/incidents";
import { exportedFeature } from "../lib/export/geojson";
import type { IncidentFeature } from "../lib/incident/model";
import type { Db } from "../lib/db/types";
import { testStore } from "../tests/support/db";
import { postgresAvailable } from "../tests/support/postgres";
import type { BenchRow } from "./types";

const BENCH = "db-store";
const COUNT = 100_000;

// The anchors read the columns out of each feature in SQL, from one JSON value per batch or per row.
// The box and point as the migration reads them (lib/db/migrations/1765300000000_portable-geometry.sql).
const FROM_JSON = (source: string, seq: string) => `INSERT INTO incidents (dataset_id, seq, event_id, event_date, event_date_end, event_type, bounds, lnglat, feature)
  SELECT $1, ${seq}, f->'properties'->>'event_id', (f->'properties'->>'event_date')::date, (f->'properties'->>'event_date_end')::date,
    f->'properties'->>'event_type',
    (SELECT box(point(min((p ->> 0)::float8), min((p ->> 1)::float8)), point(max((p ->> 0)::float8), max((p ->> 1)::float8)))
      FROM jsonb_path_query((f -> 'geometry')::jsonb, 'strict $.coordinates.** ? (@.type() == "array" && @[0].type() == "number")') AS p),
    CASE WHEN f->'geometry'->>'type' = 'Point' THEN point((f->'geometry'->'coordinates'->>0)::float8, (f->'geometry'->'coordinates'->>1)::float8) END,
    f FROM ${source}`;

async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

async function ours(db: Db, features: IncidentFeature[]): Promise<number> {
  const { id } = await createDataset(db, { slug: "ours", name: "ours", visibility: "public" });
  return seconds(() => saveIncidents(db, id, features));
}

async function jsonArrays(db: Db, features: IncidentFeature[]): Promise<number> {
  const { id } = await createDataset(db, { slug: "json", name: "json", visibility: "public" });
  const sql = FROM_JSON("json_array_elements($3::json) WITH ORDINALITY AS t(f, i)", "$2 + t.i - 1");
  return seconds(() => db.transaction(async (tx) => {
    for (let at = 0; at < features.length; at += 1000) {
      await tx.query(sql, [id, at, JSON.stringify(features.slice(at, at + 1000).map(exportedFeature))]);
    }
  }));
}

async function copyBlob(dataDir: string, features: IncidentFeature[]): Promise<number> {
  const pg = await PGlite.create({ dataDir });
  try {
    const { rows } = await pg.query<{ id: number }>("INSERT INTO datasets (slug, name, visibility) VALUES ('copy', 'copy', 'public') RETURNING id");
    return await seconds(async () => {
      // COPY's text format: backslashes doubled; JSON text has no raw tab or newline.
      const tsv = features.map((f, i) => `${i}\t${JSON.stringify(exportedFeature(f)).replace(/\\/g, "\\\\")}\n`).join("");
      await pg.transaction(async (tx) => {
        await tx.query("CREATE TEMP TABLE incidents_load (seq int, f json) ON COMMIT DROP");
        await tx.query("COPY incidents_load FROM '/dev/blob'", [], { blob: new Blob([tsv]) });
        await tx.query(FROM_JSON("incidents_load", "seq"), [rows[0].id]);
      });
    });
  } finally {
    await pg.close();
  }
}

export default async function bench(): Promise<BenchRow[]> {
  const towns = parseGeonamesTowns(readFileSync(cities500Path(), "utf8"));
  const features = synthesizeIncidents({ count: COUNT, seed: 1, towns }).features as IncidentFeature[];
  const rows: BenchRow[] = [];
  const rate = (s: number) => COUNT / s;

  // Starting: a folder that has never held a store, then the same folder again.
  const fresh = mkdtempSync(join(process.cwd(), "tmp", "bench-db-"));
  try {
    const first = await seconds(async () => (await openDb({ url: undefined, dataDir: fresh })).close());
    const later = await seconds(async () => (await openDb({ url: undefined, dataDir: fresh })).close());
    rows.push({ bench: BENCH, metric: "embedded: start (open, migrate, seed), later starts", value: later, unit: "s", anchor: { name: "first start (creates the store)", value: first }, ratio: first / later, note: "one run each" });
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    rmSync(`${fresh}.lock`, { force: true });
  }

  const embedded = [await testStore("embedded"), await testStore("embedded")];
  try {
    const db = await embedded[0].open({ seed: false });
    const mine = await ours(db, features);
    await db.close();
    await (await embedded[1].open({ seed: false })).close();
    const copy = await copyBlob(embedded[1].where.dataDir!, features);
    rows.push({ bench: BENCH, metric: `embedded: save ${COUNT} incidents (COPY)`, value: rate(mine), unit: "rows/s", anchor: { name: "COPY FROM '/dev/blob' + INSERT … SELECT", value: rate(copy) }, ratio: copy / mine, goal: "≤ 5 s", met: mine <= 5, note: `${mine.toFixed(1)} s, one transaction, one run, each in a fresh store` });
  } finally {
    for (const s of embedded) await s.dispose();
  }

  if (!postgresAvailable()) {
    rows.push({ bench: BENCH, metric: "postgres: skipped", value: NaN, unit: "", note: "no /usr/lib/postgresql/15/bin/initdb" });
    return rows;
  }
  const pg = await testStore("postgres");
  try {
    const db = await pg.open({ seed: false });
    const mine = await ours(db, features);
    const json = await jsonArrays(db, features);
    await db.close();
    rows.push({ bench: BENCH, metric: `postgres: save ${COUNT} incidents (COPY)`, value: rate(mine), unit: "rows/s", anchor: { name: "one JSON array a batch, read apart in SQL", value: rate(json) }, ratio: json / mine, goal: "≤ 5 s", met: mine <= 5, note: `${mine.toFixed(1)} s, one transaction, one run; a test cluster (fsync off)` });
  } finally {
    await pg.dispose();
  }
  return rows;
}
