// `npm run backup -- FILE`: writes the whole store (DATABASE_URL, or the embedded one in data/db/) to FILE
// as NDJSON (lib/db/backup.ts), from one snapshot. The dump holds password hashes: keep it secret.
// The file appears only when complete (written beside it, then renamed).
import { createWriteStream, renameSync, rmSync } from "node:fs";
import { once } from "node:events";
import { openDb } from "../lib/db/open";
import { writeBackup } from "../lib/db/backup";

async function main(): Promise<void> {
  const file = process.argv[2];
  if (file === undefined || process.argv.length > 3) {
    process.stderr.write("usage: npm run backup -- FILE\n");
    process.exit(2);
  }
  const partial = `${file}.partial`;
  const db = await openDb({ migrate: false, seed: false });
  const out = createWriteStream(partial, { flags: "wx" });
  try {
    const counts = await writeBackup(db, async (line) => {
      if (!out.write(`${line}\n`)) await once(out, "drain");
    });
    out.end();
    await once(out, "finish");
    renameSync(partial, file);
    process.stdout.write(`backup: ${file}: ${counts.accounts} accounts, ${counts.datasets} datasets, ${counts.incidents} incidents (${db.engine})\n`);
  } catch (err) {
    out.destroy();
    rmSync(partial, { force: true });
    process.stderr.write(`backup: ${(err as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}
void main();
