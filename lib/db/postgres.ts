import "server-only";
// The scale engine: a PostgreSQL + PostGIS server reached through a URL, through a pool of connections.
// The pool runs in a worker thread of its own (postgres-thread.mjs), as PGlite does (embedded.ts): parsing
// the rows of a read, COPY's protocol and a save's bytes on the server's thread stalled every other request.
import { join } from "node:path";
import type { Engine, RawClient } from "./engine";
import { StoreThread, inTransaction, threadCopyFields, threadCopyOut, threadQueryable } from "./thread";

// Started by path, outside the bundler (the server runs from the project folder, as the store's path does).
const THREAD_FILE = join(/*turbopackIgnore: true*/ process.cwd(), "lib", "db", "postgres-thread.mjs");

/** One connection held for `fn`, its statements sent as they are (node-pg-migrate sends its own BEGIN/COMMIT). */
async function held<T>(thread: StoreThread, fn: (client: RawClient) => Promise<T>): Promise<T> {
  const tx = await thread.ask<number>({ op: "hold" });
  try {
    return await fn({ query: (text, values) => thread.ask({ op: "query", text, params: values, tx }) });
  } finally {
    await thread.ask({ op: "end", tx, commit: true });
  }
}

// @option HEAVY_READS: number = 1, COPY outs (pages of whole-dataset answers) run at once; the others wait their turn.
// One, as PGlite's single connection does: with 2, the server's thread took two readers' pages at a time and the
// load bench's geocoder p50 was 102–115 ms against 71–81 (GET / 35–40 against 22–24), the reads no fewer.
export const HEAVY_READS = 1;

// @option max: number = 10, connections per app process (pg's default); PostgreSQL's own limit is 100 in all
export async function openPostgres(url: string, max = 10, heavyReads = HEAVY_READS): Promise<Engine> {
  const thread = new StoreThread(THREAD_FILE, { url, max, heavyReads }, "the PostgreSQL client");
  try {
    await thread.ask({ op: "ready" });
  } catch (err) {
    await thread.worker.terminate();
    throw err;
  }
  const self = threadQueryable(thread);
  return {
    engine: "postgres",
    query: self.query,
    copyIn: self.copyIn,
    copyOut: (select, bounded) => threadCopyOut(thread, select, bounded),
    copyFields: (select, leadingComma) => threadCopyFields(thread, select, leadingComma),
    transaction: (fn) => inTransaction(thread, (tx) => fn(threadQueryable(thread, tx))),
    session: (fn) => held(thread, (client) => fn(client, false)),
    async close() {
      await thread.ask({ op: "close" }).catch(() => {});
      await thread.worker.terminate();
    },
  };
}
