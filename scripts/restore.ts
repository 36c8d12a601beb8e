// `npm run restore -- FILE`: brings a dump made by `npm run backup` back into an empty store
// (DATABASE_URL, or the embedded one in data/db/: move the old folder away first), in one transaction.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { openDb } from "../lib/db/open";
import { restoreBackup } from "../lib/db/backup";

async function main(): Promise<void> {
  const file = process.argv[2];
  if (file === undefined || process.argv.length > 3) {
    process.stderr.write("usage: npm run restore -- FILE\n");
    process.exit(2);
  }
  const db = await openDb({ seed: false });
  try {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    const counts = await restoreBackup(db, lines);
    process.stdout.write(`restore: ${file}: ${counts.accounts} accounts, ${counts.datasets} datasets, ${counts.incidents} incidents (${db.engine})\n`);
  } catch (err) {
    process.stderr.write(`restore: ${(err as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}
void main();
