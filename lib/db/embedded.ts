import "server-only";
// The embedded engine: PGlite (PostgreSQL compiled to WebAssembly, no extensions) in a folder on disk. PGlite
// runs on the thread that calls it, so it gets a worker thread of its own (embedded-thread.mjs): a long
// query or a big save no longer stalls every other request of the server. It has one connection, so
// statements and transactions still take their turns there.
import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { Queryable, QueryResult } from "./types";
import type { Engine, RawClient } from "./engine";
import { lockFolder } from "./folder-lock";
import { startFromSeeded } from "./embedded-seeded";

// Started by path, outside the bundler (the server runs from the project folder, as the store's path does).
const THREAD_FILE = join(/*turbopackIgnore: true*/ process.cwd(), "lib", "db", "embedded-thread.mjs");

type Request =
  | { op: "ready" | "close" }
  | { op: "query"; text: string; params?: readonly unknown[]; tx?: number }
  | { op: "copy"; table: string; columns: readonly string[]; rows: string; tx?: number }
  | { op: "copyOut"; select: string }
  | { op: "exec"; text: string; tx?: number }
  | { op: "begin" }
  | { op: "end"; tx: number; commit: boolean };
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: { message: string; code?: string } };

/** The thread and its open requests: each request is answered once, by id. */
class Thread {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private failed: Error | null = null;
  readonly worker: Worker;

  constructor(dataDir: string) {
    this.worker = new Worker(THREAD_FILE, { workerData: { dataDir } });
    this.worker.on("message", (m: Reply) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) this.worker.unref();
      if (m.ok) w.resolve(m.result);
      else w.reject(Object.assign(new Error(m.error.message), m.error.code ? { code: m.error.code } : {}));
    });
    const fail = (err: Error) => {
      this.failed = err;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => fail(new Error(`the embedded database's thread stopped (exit code ${code})`)));
  }

  ask<T>(request: Request): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      // An open request keeps the process alive, as a socket to PostgreSQL would; an idle thread does not.
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, ...request });
    });
  }
}

function queryable(thread: Thread, tx?: number): Queryable {
  return {
    query<R>(text: string, params?: readonly unknown[]) {
      return thread.ask<QueryResult<R>>({ op: "query", text, params: params ? [...params] : undefined, tx });
    },
    copyIn(table, columns, rows) {
      return thread.ask<number>({ op: "copy", table, columns: [...columns], rows, tx });
    },
  };
}

// node-pg-migrate sends whole migration files without parameters: exec runs several statements and
// answers with the last one's rows. BEGIN/COMMIT/ROLLBACK are the enclosing transaction's to send.
const OWN_TRANSACTION = /^\s*(BEGIN|COMMIT|ROLLBACK)\s*;?\s*$/i;
function rawClient(thread: Thread, tx: number): RawClient {
  return {
    async query(text, values) {
      if (OWN_TRANSACTION.test(text)) return { rows: [], rowCount: 0 };
      if (values?.length) return thread.ask({ op: "query", text, params: values, tx });
      return thread.ask({ op: "exec", text, tx });
    },
  };
}

async function inTransaction<T>(thread: Thread, fn: (tx: number) => Promise<T>): Promise<T> {
  const tx = await thread.ask<number>({ op: "begin" });
  let result: T;
  try {
    result = await fn(tx);
  } catch (err) {
    await thread.ask({ op: "end", tx, commit: false }).catch(() => {});
    throw err;
  }
  await thread.ask({ op: "end", tx, commit: true });
  return result;
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
  const thread = new Thread(dataDir);
  try {
    await thread.ask({ op: "ready" });
  } catch (err) {
    await thread.worker.terminate();
    unlock();
    throw err;
  }
  const self = queryable(thread);
  return {
    engine: "embedded",
    query: self.query,
    copyIn: self.copyIn,
    async *copyOut(select) {
      yield new Uint8Array(await thread.ask<ArrayBuffer>({ op: "copyOut", select }));
    },
    transaction: (fn) => inTransaction(thread, (tx) => fn(queryable(thread, tx))),
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
