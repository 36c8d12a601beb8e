import "server-only";
// Opening the store: the embedded engine in a folder, or PostgreSQL when a URL is given; getDb() is the
// one store of the server process, migrated and seeded on first use.
import { join, resolve, isAbsolute } from "node:path";
import type { Db, OpenOptions } from "./types";
import type { Engine } from "./engine";
import { openEmbedded } from "./embedded";
import { openPostgres } from "./postgres";
import { migrate } from "./migrate";
import { seed } from "./seed";
import { setStoreHealth } from "./health";

export { storeHealth, type StoreHealth } from "./health";

export const DATABASE_URL_ENV = "DATABASE_URL";
// @option DATA_DIR: string = "data/db", the embedded engine's folder (relative to the project folder, or absolute)
export const DATA_DIR_ENV = "DATA_DIR";
export const DEFAULT_DATA_DIR = join(/*turbopackIgnore: true*/ process.cwd(), "data", "db");

/**
 * Opens the store; see OpenOptions for the defaults (`url` given as undefined means the embedded engine,
 * whatever DATABASE_URL says). The caller closes it.
 */
export async function openDb(options: OpenOptions = {}): Promise<Engine> {
  const url = "url" in options ? options.url : process.env[DATABASE_URL_ENV] || undefined;
  const dir = options.dataDir ?? (process.env[DATA_DIR_ENV] || DEFAULT_DATA_DIR);
  // A store opened unseeded (restore) starts empty, not as the seeded copy that already holds the Daraa dataset.
  const folder = isAbsolute(dir) ? dir : resolve(/*turbopackIgnore: true*/ process.cwd(), dir);
  const db = url ? await openPostgres(url) : await openEmbedded(folder, options.seed !== false);
  try {
    if (options.migrate !== false) await migrate(db);
    if (options.seed !== false) await seed(db);
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return db;
}

// Next gives each route its own copy of lib/'s modules; a registered symbol names one slot for all of them
// (as lib/server/process-cache.ts does, which lib/db may not import).
const SLOT = Symbol.for("daraa-incident-map:db");
const slot = globalThis as unknown as Record<symbol, Promise<Db> | undefined>;

/** The server process's store (DATABASE_URL or data/db/), opened, migrated and seeded on first call. */
export function getDb(): Promise<Db> {
  let db = slot[SLOT];
  if (db === undefined) {
    db = openDb();
    slot[SLOT] = db;
    setStoreHealth({ state: "opening" });
    // A failed open is not cached: the next request tries again.
    db.then(
      (opened) => {
        setStoreHealth({ state: "open", engine: opened.engine });
        closeOnExit(opened);
      },
      (err: Error) => {
        setStoreHealth({ state: "failed", reason: err.message });
        if (slot[SLOT] === db) slot[SLOT] = undefined;
      },
    );
  }
  return db;
}

function closeOnExit(db: Db): void {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void db.close().catch(() => {}).finally(() => {
        // Left alone, the signal would have ended the process: it still does once the store is closed.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    });
  }
}
