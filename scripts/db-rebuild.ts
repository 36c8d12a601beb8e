// `npm run db:rebuild -- SLUG`: replaces a dataset's incidents with those of its stored GeoJSON source
// (e.g. `daraa-2021`, seeded from geodata/incidents.geojson), in one transaction.
import { openDb } from "../lib/db/open";
import { rebuildDataset } from "../lib/db/seed";

async function main(): Promise<void> {
  const slug = process.argv[2];
  if (slug === undefined || process.argv.length > 3) {
    process.stderr.write("usage: npm run db:rebuild -- SLUG\n");
    process.exit(2);
  }
  let db: Awaited<ReturnType<typeof openDb>> | null = null;
  try {
    // Inside the try: a store open in the server is a one-line refusal, not a stack trace.
    db = await openDb();
    const n = await rebuildDataset(db, slug);
    process.stdout.write(`db:rebuild: ${slug}: ${n} incidents (${db.engine})\n`);
  } catch (err) {
    process.stderr.write(`db:rebuild: ${(err as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    await db?.close();
  }
}
void main();
