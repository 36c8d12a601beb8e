// `npm run db:migrate`: applies the pending migrations of lib/db/migrations/ to the store (DATABASE_URL, or
// the embedded one in data/db/), all in one transaction: one that fails leaves the database as it was.
import { openDb } from "../lib/db/open";
import { migrate } from "../lib/db/migrate";

async function main(): Promise<void> {
  let db: Awaited<ReturnType<typeof openDb>> | null = null;
  try {
    // Inside the try: a store open in the server is a one-line refusal, not a stack trace.
    db = await openDb({ migrate: false, seed: false });
    const ran = await migrate(db, { log: (line) => process.stdout.write(`${line}\n`) });
    process.stdout.write(`db:migrate: ${ran.length} migration(s) applied (${db.engine})\n`);
  } catch (err) {
    process.stderr.write(`db:migrate: failed, nothing applied: ${(err as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    await db?.close();
  }
}
void main();
