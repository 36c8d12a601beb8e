/* eslint-disable layout/server-only-marked -- Node starts this file as it is, outside the bundler, where "server-only" would throw */
// The embedded engine's own thread: PGlite runs its WebAssembly on the thread that calls it, so it lives
// here and the server's thread only posts statements and awaits rows (lib/db/embedded.ts is the other end).
// Plain JavaScript: Node starts it as it is, outside the bundler. No PostGIS: the store's SQL uses core
// types only (lib/db/migrations/1765300000000_portable-geometry.sql), and loading it cost ~3 s and ~600 MB.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { copiedFields } from "./copy-fields.mjs";

// The same values as lib/db/engine.ts's parsers (int8 → number, date → its ISO text).
const INT8_OID = 20;
const DATE_OID = 1082;
const parsers = { [INT8_OID]: (text) => Number(text), [DATE_OID]: (text) => text };

const ROLLBACK = Symbol("rollback");
/** Open transactions by id: the transaction object and how to end it. */
const transactions = new Map();
let nextTransaction = 1;

// PostgreSQL's defaults size a server of its own (128 MB of shared buffers); here the buffers live in the
// WebAssembly heap, which never shrinks, beside the server's own: 16 MB cut the open store's RSS by ~130 MB.
// Nor do more buffers speed a large save: 1M incidents took ~60 s of CPU with 16 MB, 128 MB, or 16 MB and
// wal_buffers 4 MB (~38 s of it on this thread, flat per 100k rows): the WebAssembly's own work, not I/O.
const MEMORY = ["shared_buffers=16MB", "work_mem=4MB", "maintenance_work_mem=16MB", "temp_buffers=1MB"];

const pgReady = PGlite.create({
  dataDir: workerData.dataDir,
  parsers,
  startParams: [...PGlite.defaultStartParams, ...MEMORY.flatMap((setting) => ["-c", setting])],
});

const errorOf = (err) => ({
  message: err instanceof Error ? err.message : String(err),
  ...(err && typeof err === "object" && typeof err.code === "string" ? { code: err.code } : {}),
});

// An ArrayBuffer result (or a copyFields answer's buffer) is moved to the server's thread, not copied.
const answer = (id, work) =>
  work.then(
    (result) => parentPort.postMessage({ id, ok: true, result }, result instanceof ArrayBuffer ? [result] : result?.buffer instanceof ArrayBuffer ? [result.buffer] : []),
    (err) => parentPort.postMessage({ id, ok: false, error: errorOf(err) }),
  );

const rowsOf = (res) => ({ rows: res.rows, rowCount: res.affectedRows ?? 0 });

async function target(tx) {
  if (tx === undefined) return pgReady;
  const open = transactions.get(tx);
  if (!open) throw new Error(`transaction ${tx} is not open`);
  return open.tx;
}

function begin() {
  return pgReady.then(
    (pg) =>
      new Promise((started, failed) => {
        const id = nextTransaction++;
        let end;
        const ended = new Promise((resolve) => (end = resolve));
        const settled = pg
          .transaction(async (tx) => {
            transactions.set(id, { tx, end, settled });
            started(id);
            if (!(await ended)) throw ROLLBACK;
          })
          .catch((err) => {
            if (err !== ROLLBACK) throw err;
          })
          .finally(() => transactions.delete(id));
        // A transaction that could not start (BEGIN failed) never reached started().
        settled.catch(failed);
      }),
  );
}

async function finish(tx, commit) {
  const open = transactions.get(tx);
  if (!open) throw new Error(`transaction ${tx} is not open`);
  open.end(commit);
  await open.settled;
  return null;
}

parentPort.on("message", (m) => {
  switch (m.op) {
    case "ready":
      return answer(m.id, pgReady.then(() => null));
    case "query":
      return answer(m.id, target(m.tx).then((t) => t.query(m.text, m.params)).then(rowsOf));
    case "copy":
      // PGlite's COPY reads from a blob given with the statement, under the name /dev/blob.
      return answer(
        m.id,
        target(m.tx)
          .then((t) => t.query(`COPY ${m.table} (${m.columns.join(", ")}) FROM '/dev/blob'`, [], { blob: new Blob([m.rows]) }))
          .then((res) => res.affectedRows ?? 0),
      );
    case "copyOut":
      // COPY … TO writes into a blob PGlite returns with the result; its bytes go over whole.
      return answer(
        m.id,
        pgReady.then((pg) => pg.query(`COPY (${m.select}) TO '/dev/blob' (FORMAT binary)`)).then((res) => res.blob.arrayBuffer()),
      );
    case "copyFields":
      // One column's COPY stripped to its fields here, so the server's thread gets bytes ready to send.
      return answer(
        m.id,
        pgReady
          .then((pg) => pg.query(`COPY (${m.select}) TO '/dev/blob' (FORMAT binary)`))
          .then((res) => res.blob.arrayBuffer())
          .then((buffer) => copiedFields(new Uint8Array(buffer), m.leadingComma)),
      );
    case "exec":
      // Several statements without parameters (a migration file): the last one's rows.
      return answer(
        m.id,
        target(m.tx)
          .then((t) => t.exec(m.text))
          .then((results) => {
            const last = results.at(-1);
            return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? 0 };
          }),
      );
    case "begin":
      return answer(m.id, begin());
    case "end":
      return answer(m.id, finish(m.tx, m.commit));
    case "close":
      return answer(
        m.id,
        pgReady.then((pg) => (pg.closed ? null : pg.close())).then(() => null),
      );
    default:
      return parentPort.postMessage({ id: m.id, ok: false, error: { message: `unknown operation ${String(m.op)}` } });
  }
});
