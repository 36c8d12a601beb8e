// Both engines for the store's tests: describe.each(ENGINES) gives each test file a fresh embedded store (in
// tmp/, copied from a template) and a fresh PostgreSQL + PostGIS database in the run's one cluster
// (tests/support/postgres.ts, started by the "db" project's global setup in vitest.config.mts).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { Engine } from "@/lib/db/engine";
import type { OpenOptions } from "@/lib/db/types";
import { openDb } from "@/lib/db/open";
import { testDatabase } from "./postgres";

const TMP = join(process.cwd(), "tmp");
// A new PGlite takes seconds to create (initdb in WebAssembly); a copy of a made one opens faster.
const PGLITE_VERSION = (JSON.parse(readFileSync(join(process.cwd(), "node_modules/@electric-sql/pglite/package.json"), "utf8")) as { version: string }).version;
const TEMPLATE = join(TMP, `pglite-template-${PGLITE_VERSION}-core`);

export async function embeddedTemplate(): Promise<string> {
  if (existsSync(TEMPLATE)) return TEMPLATE;
  mkdirSync(TMP, { recursive: true });
  const building = `${TEMPLATE}.${process.pid}.${Date.now()}`;
  const pg = await PGlite.create({ dataDir: building });
  await pg.close();
  // Test files in parallel may build one each; the first rename wins and the others throw theirs away.
  try {
    renameSync(building, TEMPLATE);
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  return TEMPLATE;
}

export interface TestStore {
  /** A place of its own: a data folder (embedded) or a database URL (postgres). */
  where: OpenOptions;
  open(options?: Pick<OpenOptions, "migrate" | "seed">): Promise<Engine>;
  dispose(): Promise<void>;
}

export type EngineName = Engine["engine"];
export const ENGINES: EngineName[] = ["embedded", "postgres"];

/** A fresh, empty store on the engine; open() migrates and seeds unless told not to. */
export async function testStore(engine: EngineName): Promise<TestStore> {
  if (engine === "embedded") {
    const template = await embeddedTemplate();
    const dir = mkdtempSync(join(TMP, "db-test-"));
    cpSync(template, dir, { recursive: true });
    const where = { url: undefined, dataDir: dir };
    return {
      where,
      open: (o) => openDb({ ...where, ...o }),
      dispose: async () => {
        rmSync(dir, { recursive: true, force: true });
        rmSync(`${dir}.lock`, { force: true });
      },
    };
  }
  const pg = await testDatabase();
  const where = { url: pg.url };
  return { where, open: (o) => openDb({ ...where, ...o }), dispose: pg.stop };
}
