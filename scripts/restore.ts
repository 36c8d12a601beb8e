// `npm run restore -- FILE [--yes]`: brings a dump made by `npm run backup` back into an empty store
// (DATABASE_URL, or the embedded one in data/db/: move the old folder away first), in one transaction.
// It first lists the accounts and roles the dump adds; admins are made only with --yes.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { openDb } from "../lib/db/open";
import { dumpAccounts, restoreBackup } from "../lib/db/backup";

const linesOf = (file: string) => createInterface({ input: createReadStream(file), crlfDelay: Infinity });

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const yes = args.includes("--yes");
  const files = args.filter((a) => a !== "--yes");
  if (files.length !== 1 || files[0].startsWith("--")) {
    process.stderr.write("usage: npm run restore -- FILE [--yes]\n");
    process.exit(2);
  }
  const [file] = files;
  let db: Awaited<ReturnType<typeof openDb>> | null = null;
  try {
    const accounts = await dumpAccounts(linesOf(file));
    process.stdout.write(`restore: ${file} adds ${accounts.length} account${accounts.length === 1 ? "" : "s"}${accounts.length ? ":" : ""}\n`);
    for (const a of accounts) process.stdout.write(`  ${a.name}\t${a.role}\n`);
    const admins = accounts.filter((a) => a.role === "admin").length;
    if (admins > 0 && !yes) {
      process.stderr.write(`restore: refused: the dump makes ${admins} admin account${admins === 1 ? "" : "s"}; check the list above, then run again with --yes\n`);
      process.exitCode = 1;
      return;
    }
    db = await openDb({ seed: false });
    const counts = await restoreBackup(db, linesOf(file), { admins: yes });
    process.stdout.write(`restore: ${file}: ${counts.accounts} accounts, ${counts.datasets} datasets, ${counts.incidents} incidents (${db.engine})\n`);
  } catch (err) {
    process.stderr.write(`restore: ${(err as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    await db?.close();
  }
}
void main();
