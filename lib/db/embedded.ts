import "server-only";
// The embedded engine: PGlite (PostgreSQL compiled to WebAssembly) with PostGIS, in a folder on disk.
// It has one connection, so every statement and transaction takes its turn (PGlite queues them).
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { postgis } from "@electric-sql/pglite-postgis";
import type { Queryable, QueryResult } from "./types";
import { DATE_OID, INT8_OID, parseDate, parseInt8, type Engine, type RawClient } from "./engine";

type Target = Pick<PGlite, "query" | "exec"> | Transaction;

function queryable(target: Target): Queryable {
  return {
    async query<R>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      const res = await target.query<R>(text, params as unknown[] | undefined);
      return { rows: res.rows, rowCount: res.affectedRows ?? 0 };
    },
  };
}

// node-pg-migrate sends whole migration files without parameters: exec runs several statements and
// answers with the last one's rows. BEGIN/COMMIT/ROLLBACK are the enclosing transaction's to send.
const OWN_TRANSACTION = /^\s*(BEGIN|COMMIT|ROLLBACK)\s*;?\s*$/i;
function rawClient(tx: Transaction): RawClient {
  return {
    async query(text, values) {
      if (OWN_TRANSACTION.test(text)) return { rows: [], rowCount: 0 };
      if (values?.length) {
        const res = await tx.query<Record<string, unknown>>(text, values);
        return { rows: res.rows, rowCount: res.affectedRows ?? 0 };
      }
      const results = await tx.exec(text);
      const last = results.at(-1);
      return { rows: (last?.rows ?? []) as Record<string, unknown>[], rowCount: last?.affectedRows ?? 0 };
    },
  };
}

// PGlite does not lock its folder, and two processes writing one folder would corrupt it (the server and
// `npm run backup`, say): `<dataDir>.lock` holds the owner's pid while it is open.
function lock(dataDir: string): () => void {
  const path = `${dataDir}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw err;
      const pid = Number(readFileSync(path, "utf8"));
      if (alive(pid)) {
        throw new Error(`The embedded database ${dataDir} is open in process ${pid} (the server?): stop it first, or use DATABASE_URL`);
      }
      // left by a process that was killed
      rmSync(path, { force: true });
    }
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function openEmbedded(dataDir: string): Promise<Engine> {
  mkdirSync(dataDir, { recursive: true });
  const unlock = lock(dataDir);
  let pg: PGlite;
  try {
    pg = await PGlite.create({
      dataDir,
      extensions: { postgis },
      parsers: { [INT8_OID]: parseInt8, [DATE_OID]: parseDate },
    });
  } catch (err) {
    unlock();
    throw err;
  }
  const self = queryable(pg);
  return {
    engine: "embedded",
    query: self.query,
    transaction: (fn) => pg.transaction((tx) => fn(queryable(tx))),
    session: (fn) => pg.transaction((tx) => fn(rawClient(tx), true)),
    async close() {
      try {
        if (!pg.closed) await pg.close();
      } finally {
        unlock();
      }
    },
  };
}
