// Migrations on both engines: all pending ones apply in one transaction, so one that fails leaves the
// database as it was, the good migration before it included (lib/db/migrate.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ENGINES, testStore, type TestStore } from "../support/db";
import type { Engine } from "@/lib/db/engine";
import { migrate } from "@/lib/db/migrate";

const exists = async (db: Engine, table: string) =>
  (await db.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [table])).rows[0].t !== null;

function migrationsDir(files: Record<string, string>): string {
  mkdirSync("tmp", { recursive: true });
  const dir = mkdtempSync(join("tmp", "migrations-"));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

describe.each(ENGINES)("migrations on %s", (engine) => {
  let store: TestStore;
  let db: Engine;
  const dirs: string[] = [];
  beforeAll(async () => {
    store = await testStore(engine);
    db = await store.open({ migrate: false, seed: false });
  }, 300_000);
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("a failing migration leaves the database as it was: the good one before it is not applied either", async () => {
    const dir = migrationsDir({
      "1000_good.sql": "-- Up Migration\nCREATE TABLE good (id int);\nINSERT INTO good VALUES (1);\n-- Down Migration\nDROP TABLE good;\n",
      "2000_bad.sql": "-- Up Migration\nCREATE TABLE bad (id int);\nSELECT no_such_function();\n-- Down Migration\nDROP TABLE bad;\n",
    });
    dirs.push(dir);
    await expect(migrate(db, { dir })).rejects.toThrow(/no_such_function/);
    expect(await exists(db, "good")).toBe(false);
    expect(await exists(db, "bad")).toBe(false);
    const recorded = (await exists(db, "pgmigrations")) ? (await db.query("SELECT name FROM pgmigrations")).rows : [];
    expect(recorded).toEqual([]);
    // and the store still answers
    expect((await db.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });

  it("applies the project's migrations once, recording each", async () => {
    const project = ["1764576000000_initial", "1764590400000_dataset-version", "1764590500000_incident-days-index", "1764600000000_account-name-case", "1765100000000_incident-shapes", "1765200000000_dataset-descriptions", "1765300000000_portable-geometry", "1765400000000_lighter-writes"];
    expect(await migrate(db)).toEqual(project);
    expect(await exists(db, "incidents")).toBe(true);
    expect(await migrate(db)).toEqual([]);
    expect((await db.query("SELECT name FROM pgmigrations ORDER BY id")).rows).toEqual(project.map((name) => ({ name })));
  }, 30_000);

  it("applies a later migration on top, and refuses one dated before an applied one", async () => {
    // The applied ones stand in the folder (as files already run), then one after them.
    const applied = (await db.query<{ name: string }>("SELECT name FROM pgmigrations ORDER BY id")).rows.map((r) => r.name);
    const dir = migrationsDir({
      ...Object.fromEntries(applied.map((name) => [`${name}.sql`, "-- Up Migration\nSELECT 1;\n"])),
      "1799999999999_later.sql": "-- Up Migration\nCREATE TABLE later (id int);\n",
    });
    dirs.push(dir);
    expect(await migrate(db, { dir })).toEqual(["1799999999999_later"]);
    expect(await exists(db, "later")).toBe(true);
    const out = migrationsDir({ "1000_early.sql": "-- Up Migration\nSELECT 1;\n" });
    dirs.push(out);
    await expect(migrate(db, { dir: out })).rejects.toThrow(/Not run migration/);
  });
});
