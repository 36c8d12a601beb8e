// `npm run build` (postbuild): the embedded store a first start copies (lib/db/embedded-seeded.ts), made
// as a first start would make it: created, migrated and seeded with the Daraa dataset.
import { renameSync, rmSync } from "node:fs";
import { openDb } from "../lib/db/open";
import { SEEDED_STORE_DIR } from "../lib/db/embedded-seeded";

async function main(): Promise<void> {
  const t0 = performance.now();
  const building = `${SEEDED_STORE_DIR}.building`;
  // The previous build's copy goes first: the new one is made from scratch, not from it.
  for (const dir of [SEEDED_STORE_DIR, building]) rmSync(dir, { recursive: true, force: true });
  const db = await openDb({ url: undefined, dataDir: building });
  await db.close();
  renameSync(building, SEEDED_STORE_DIR);
  console.log(`seeded store: ${SEEDED_STORE_DIR} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
