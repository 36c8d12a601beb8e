import "server-only";
// A new embedded store starts as a copy of the one `npm run build` made (scripts/build-store.ts): created,
// migrated and seeded once at build time, so a first start opens in seconds, not the ~20 s of initdb in
// WebAssembly and the Daraa seed. Migrations still run after the copy, so an older copy catches up.
import { cpSync, existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";

// Where the build puts it: beside the build it belongs to.
export const SEEDED_STORE_DIR = join(/*turbopackIgnore: true*/ process.cwd(), ".next", "seeded-store");
// @option SEEDED_STORE: string = SEEDED_STORE_DIR, the seeded store a new embedded store copies; "" to create every new store from scratch
export const SEEDED_STORE_ENV = "SEEDED_STORE";
const seededStore = (): string => process.env[SEEDED_STORE_ENV] ?? SEEDED_STORE_DIR;

/**
 * Fills an empty `dataDir` with the seeded store when the build made one; true when it did. The copy is
 * made beside the folder and renamed into place, so a start killed midway leaves no half store.
 */
export function startFromSeeded(dataDir: string, seeded = seededStore()): boolean {
  if (seeded === "" || !existsSync(join(seeded, "PG_VERSION")) || readdirSync(dataDir).length > 0) return false;
  const partial = `${dataDir}.seeding`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(seeded, partial, { recursive: true });
  rmSync(dataDir, { recursive: true });
  renameSync(partial, dataDir);
  return true;
}
