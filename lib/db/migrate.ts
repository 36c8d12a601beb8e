import "server-only";
// Migrations: SQL files in lib/db/migrations/ applied in order by node-pg-migrate, all pending ones in one
// transaction, so a migration that fails leaves the database as it was.
import { join } from "node:path";
import { runner } from "node-pg-migrate";
import type { ClientBase } from "pg";
import type { Engine } from "./engine";

// @option dir: string = "<cwd>/lib/db/migrations", the migrations; `next start` and the CLIs run from the project root
export const MIGRATIONS_DIR = join(/*turbopackIgnore: true*/ process.cwd(), "lib", "db", "migrations");

export interface MigrateOptions {
  dir?: string;
  // @option log: (line: string) => void = nothing, where node-pg-migrate's progress and errors go
  log?: (line: string) => void;
}

/** Applies the pending migrations; returns their names (none: the schema was current). */
export async function migrate(db: Engine, options: MigrateOptions = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  return db.session(async (client, transactional) => {
    const ran = await runner({
      dbClient: client as unknown as ClientBase,
      dir: options.dir ?? MIGRATIONS_DIR,
      direction: "up",
      migrationsTable: "pgmigrations",
      singleTransaction: true,
      checkOrder: true,
      // Replicas starting together against one server take turns; the embedded engine has one process.
      noLock: transactional,
      advisoryLockMode: "wait",
      logger: { debug: log, info: log, warn: log, error: log },
    });
    return ran.map((m) => m.name);
  });
}
