import { configDefaults, defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

// The test files that need the run's PostgreSQL (tests/support/postgres-setup.ts starts it once).
const DB = ["tests/unit/db-*.test.ts", "tests/unit/auth-db.test.ts", "tests/unit/serve-store.test.ts", "tests/unit/routes-integrity.test.ts", "tests/unit/first-admin.test.ts", "tests/unit/commands-refuse.test.ts"];
// Slow by design, kept out of `npm test`: `npm run test:slow` (TEST_TIER=slow) runs these and only these,
// and CI runs both tiers. Saves killed with SIGKILL mid-transaction; a store made with PostGIS migrated; the app at 100,000 incidents, a
// million-row import and Cancel during a 300,000-row import in the browser.
const SLOW = { db: ["tests/unit/db-crash.test.ts", "tests/unit/db-upgrade.test.ts"], browser: ["tests/browser/scale.test.ts", "tests/browser/import-million.test.ts", "tests/browser/import-cancel.test.ts", "tests/browser/first-start.test.ts"] };
const slowTier = process.env.TEST_TIER === "slow";
const allSlow = [...SLOW.db, ...SLOW.browser];
// @option UNIT_TIMEOUT: number = 30_000 ms, a unit or database test's limit: it catches a hang; a test that is
// about speed says its own bound (Vitest's 5 s default failed scrypt hashing and PGlite opening on a busy machine).
const UNIT_TIMEOUT = 30_000;
/** A project's files in this run's tier: its slow files, or all its files but the slow ones. */
const tier = (include: string[], slow: string[], exclude: string[] = []) =>
  slowTier ? { include: slow } : { include, exclude: [...configDefaults.exclude, ...exclude, ...allSlow] };

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      "server-only": fileURLToPath(new URL("./tests/support/server-only.ts", import.meta.url)),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", ...tier(["tests/unit/**/*.test.ts"], [], DB), environment: "node", testTimeout: UNIT_TIMEOUT },
      },
      {
        extends: true,
        test: { name: "db", ...tier(DB, SLOW.db), environment: "node", testTimeout: UNIT_TIMEOUT, globalSetup: ["tests/support/postgres-setup.ts"] },
      },
      {
        extends: true,
        test: {
          name: "browser",
          ...tier(["tests/browser/**/*.test.ts"], SLOW.browser),
          environment: "node",
          globalSetup: ["tests/browser/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // A poll waits as long as a loaded machine may take to show a thing, not Vitest's 1 s: CI's slow
          // tier failed when the map reported its view 1 s after a 100k dataset's details had appeared.
          expect: { poll: { timeout: 15_000 } },
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
