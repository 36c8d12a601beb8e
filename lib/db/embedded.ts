import "server-only";
// The embedded engine: PGlite (PostgreSQL compiled to WebAssembly, no extensions) in a folder on disk. PGlite
// runs on the thread that calls it, so it gets a worker thread of its own (embedded-thread.mjs): a long
// query or a big save no longer stalls every other request of the server. It has one connection, so
// statements and transactions still take their turns there.
import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Engine, RawClient } from "./engine";
import { StoreThread, inTransaction, threadCopyFields, threadCopyOut, threadQueryable } from "./thread";
import { lockFolder } from "./folder-lock";
import { startFromSeeded } from "./embedded-seeded";

// Started by path, outside the bundler (the server runs from the project folder, as the store's path does).
const THREAD_FILE = join(/*turbopackIgnore: true*/ process.cwd(), "lib", "db", "embedded-thread.mjs");

// node-pg-migrate sends whole migration files without parameters: exec runs several statements and
// answers with the last one's rows. BEGIN/COMMIT/ROLLBACK are the enclosing transaction's to send.
const OWN_TRANSACTION = /^\s*(BEGIN|COMMIT|ROLLBACK)\s*;?\s*$/i;
function rawClient(thread: StoreThread, tx: number): RawClient {
  return {
    async query(text, values) {
      if (OWN_TRANSACTION.test(text)) return { rows: [], rowCount: 0 };
      if (values?.length) return thread.ask({ op: "query", text, params: values, tx });
      return thread.ask({ op: "exec", text, tx });
    },
  };
}

/** Opens the store in `dataDir`; an empty folder starts as the build's seeded store unless `seeded` is false. */
export async function openEmbedded(dataDir: string, seeded = true): Promise<Engine> {
  // The store holds password hashes and private datasets: its folder is its owner's alone.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const unlock = await lockFolder(dataDir);
  try {
    if (seeded && startFromSeeded(dataDir)) chmodSync(dataDir, 0o700);
  } catch (err) {
    unlock();
    throw err;
  }
  const thread = new StoreThread(THREAD_FILE, { dataDir }, "the embedded database");
  try {
    await thread.ask({ op: "ready" });
  } catch (err) {
    await thread.worker.terminate();
    unlock();
    throw err;
  }
  const self = threadQueryable(thread);
  return {
    engine: "embedded",
    query: self.query,
    copyIn: self.copyIn,
    copyOut: (select) => threadCopyOut(thread, select),
    copyFields: (select, leadingComma) => threadCopyFields(thread, select, leadingComma),
    transaction: (fn) => inTransaction(thread, (tx) => fn(threadQueryable(thread, tx))),
    session: (fn) => inTransaction(thread, (tx) => fn(rawClient(thread, tx), true)),
    async close() {
      try {
        await thread.ask({ op: "close" }).catch(() => {});
        await thread.worker.terminate();
      } finally {
        unlock();
      }
    },
  };
}
