// `npm run backup -- FILE [--force]`: writes the whole store (DATABASE_URL, or the embedded one in data/db/)
// to FILE as NDJSON (lib/db/backup.ts), from one snapshot. The dump holds password hashes: it is made
// readable by its owner only (0600). An existing FILE is kept unless --force; the file appears only when
// complete (lib/db/backup-file.ts).
import { openDb } from "../lib/db/open";
import { backupToFile } from "../lib/db/backup-file";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const files = args.filter((a) => a !== "--force");
  if (files.length !== 1 || files[0].startsWith("--")) {
    process.stderr.write("usage: npm run backup -- FILE [--force]\n");
    process.exit(2);
  }
  const [file] = files;
  let db: Awaited<ReturnType<typeof openDb>> | null = null;
  try {
    db = await openDb({ migrate: false, seed: false });
    const counts = await backupToFile(db, file, { force });
    process.stdout.write(`backup: ${file}: ${counts.accounts} accounts, ${counts.datasets} datasets, ${counts.incidents} incidents (${db.engine})\n`);
  } catch (err) {
    process.stderr.write(`backup: ${(err as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    await db?.close();
  }
}
void main();
