// What `npm run bench` makes once and its benches share. bench/run.ts gives every bench the run's folder
// (BENCH_SHARED, under tmp/) and its one PostgreSQL cluster (BENCH_PG_CLUSTER); a fixture the first bench
// made is written down there, and the next bench that asks for it finds it instead of making it again.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createDataset } from "../lib/db/datasets";
import { saveIncidents } from "../lib/db/incidents";
import { openDb } from "../lib/db/open";
import type { IncidentFeature } from "../lib/incident/model";
import { testDatabase } from "../tests/support/postgres";

export interface Million {
  /** postgres://… of a database migrated and seeded, holding the public dataset `slug`. */
  url: string;
  slug: string;
  datasetId: number;
  /** saveIncidents of the million, one transaction, + ANALYZE: the time the bench that made it measured. */
  saveSeconds: number;
  /** The bench that made it (and timed the save). */
  madeBy: string;
  /** Drops the database, unless the run keeps it for the benches after this one. */
  release(): Promise<void>;
}

const SLUG = "bench-1m";

/**
 * `count` synthetic incidents (`features()`, seed 1, called only when the database has to be made) saved in
 * PostGIS as a public dataset: made by the first bench of a run that asks, kept for the others until it ends.
 */
export async function millionInPostgres(bench: string, count: number, features: () => readonly IncidentFeature[]): Promise<Million> {
  const folder = process.env.BENCH_SHARED;
  const record = folder ? join(folder, `postgres-synthetic-${count}.json`) : undefined;
  if (record && existsSync(record)) return { ...(JSON.parse(readFileSync(record, "utf8")) as Omit<Million, "release">), release: async () => {} };
  const pg = await testDatabase();
  // Kept when the run's cluster outlives this bench (it goes, with the database, when the run ends).
  const keep = Boolean(record && process.env.BENCH_PG_CLUSTER);
  try {
    const db = await openDb({ url: pg.url }); // migrated and seeded, as a server finds it
    let made: Omit<Million, "release">;
    try {
      const rows = features();
      if (rows.length !== count) throw new Error(`millionInPostgres: features() gave ${rows.length} incidents, count is ${count}`);
      const t0 = performance.now();
      const d = await createDataset(db, { slug: SLUG, name: "bench", visibility: "public" });
      await saveIncidents(db, d.id, rows);
      await db.query("ANALYZE incidents");
      made = { url: pg.url, slug: SLUG, datasetId: d.id, saveSeconds: (performance.now() - t0) / 1000, madeBy: bench };
    } finally {
      await db.close();
    }
    if (keep) writeFileSync(record!, JSON.stringify(made));
    return { ...made, release: keep ? async () => {} : pg.stop };
  } catch (err) {
    await pg.stop();
    throw err;
  }
}

/** The note of a row that reports the million's save: who timed it. */
export const savedNote = (m: Million, bench: string) => (m.madeBy === bench ? "setup, once" : `setup, once: timed by the ${m.madeBy} bench of this run, which made the database the two share`);
