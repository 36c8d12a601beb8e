/* eslint-disable layout/server-only-marked -- Node starts this file as it is, outside the bundler, where "server-only" would throw */
// The PostgreSQL engine's own thread: the `pg` pool lives here, so parsing rows, COPY's protocol and the
// save's bytes cost this thread, not the server's (lib/db/postgres.ts is the other end, lib/db/thread.ts
// the protocol, the same as embedded-thread.mjs's). Plain JavaScript: Node starts it as it is.
import { parentPort, workerData } from "node:worker_threads";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import copyStreams from "pg-copy-streams";
import { copiedFields } from "./copy-fields.mjs";

// The same values as lib/db/engine.ts's parsers (int8 → number, date → its ISO text).
const INT8_OID = 20;
const DATE_OID = 1082;
const types = {
  getTypeParser: (oid, format) => (oid === INT8_OID ? (text) => Number(text) : oid === DATE_OID ? (text) => text : pg.types.getTypeParser(oid, format)),
};

const pool = new pg.Pool({ connectionString: workerData.url, max: workerData.max, types });

/**
 * Runs `work` when fewer than `max` others run, the rest waiting in arrival order. A COPY out is a heavy
 * read (a page of a whole-dataset answer): 8 readers made 8 PostgreSQL backends busy at once beside the
 * server's thread, and 8 pages' bytes reached that thread together (PGlite's one connection reads one at
 * a time). Light queries never wait here, and each read still gets its turn page by page.
 */
function slots(max) {
  let running = 0;
  const waiting = [];
  return async (work) => {
    if (running >= max) await new Promise((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, or is freed.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
const heavyRead = slots(workerData.heavyReads);
// An idle connection the server dropped must not crash the process; the next query gets a new one.
pool.on("error", () => {});

/** Connections held for the server by id: a transaction's (BEGIN sent) or a session's (its own BEGINs). */
const held = new Map();
let nextHeld = 1;

// PostgreSQL's error fields (code, detail, constraint…) cross as they are: the server's code reads them.
const errorOf = (err) => {
  if (!(err instanceof Error)) return { message: String(err) };
  const fields = Object.fromEntries(Object.entries(err).filter(([, v]) => typeof v === "string"));
  return { ...fields, message: err.message };
};

// An ArrayBuffer result (or a copyFields answer's buffer) is moved to the server's thread, not copied.
const answer = (id, work) =>
  work.then(
    (result) => parentPort.postMessage({ id, ok: true, result }, result instanceof ArrayBuffer ? [result] : result?.buffer instanceof ArrayBuffer ? [result.buffer] : []),
    (err) => parentPort.postMessage({ id, ok: false, error: errorOf(err) }),
  );

function target(tx) {
  if (tx === undefined) return pool;
  const open = held.get(tx);
  if (!open) throw new Error(`transaction ${tx} is not open`);
  return open.client;
}

// A statement without parameters may be several (a migration file): the last one's rows.
async function query(tx, text, params) {
  const res = await target(tx).query(text, params);
  const last = Array.isArray(res) ? res.at(-1) : res;
  return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 };
}

/** COPY … FROM STDIN on one connection, the rows streamed in as they are (pg-copy-streams). */
async function copyIn(tx, table, columns, rows) {
  const run = async (client) => {
    const copy = client.query(copyStreams.from(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
    await pipeline(Readable.from([typeof rows === "string" ? rows : Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength)]), copy);
    return copy.rowCount;
  };
  if (tx !== undefined) return run(target(tx));
  const client = await pool.connect();
  try {
    return await run(client);
  } finally {
    client.release();
  }
}

/** COPY … TO STDOUT in binary on a connection of its own, its bytes gathered into one buffer to move. */
// A bounded read (a map view's answer, LIMIT set by the caller) is light: it never queues behind pages.
const copyOut = (select, bounded) => (bounded ? copyOutNow(select) : heavyRead(() => copyOutNow(select)));

async function copyOutNow(select) {
  const client = await pool.connect();
  let whole = false;
  try {
    const chunks = [];
    let length = 0;
    for await (const chunk of client.query(copyStreams.to(`COPY (${select}) TO STDOUT (FORMAT binary)`))) {
      chunks.push(chunk);
      length += chunk.length;
    }
    whole = true;
    // A buffer of its own (Buffer.concat may hand out a slice of a shared pool, which cannot be moved).
    const out = new Uint8Array(length);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out.buffer;
  } finally {
    // A COPY left mid-way leaves the connection mid-answer: closed, never handed to another query.
    client.release(!whole);
  }
}

async function hold(transaction) {
  const client = await pool.connect();
  if (transaction) {
    try {
      await client.query("BEGIN");
    } catch (err) {
      client.release(true);
      throw err;
    }
  }
  const id = nextHeld++;
  held.set(id, { client, transaction });
  return id;
}

async function end(tx, commit) {
  const open = held.get(tx);
  if (!open) throw new Error(`transaction ${tx} is not open`);
  held.delete(tx);
  if (!open.transaction) return void open.client.release();
  let broken = false;
  try {
    await open.client.query(commit ? "COMMIT" : "ROLLBACK");
  } catch (err) {
    await open.client.query("ROLLBACK").catch(() => (broken = true));
    throw err;
  } finally {
    open.client.release(broken);
  }
  return null;
}

parentPort.on("message", (m) => {
  switch (m.op) {
    case "ready":
      return answer(m.id, pool.query("SELECT 1").then(() => null));
    case "query":
    case "exec":
      return answer(m.id, Promise.resolve().then(() => query(m.tx, m.text, m.params)));
    case "copy":
      return answer(m.id, Promise.resolve().then(() => copyIn(m.tx, m.table, m.columns, m.rows)));
    case "copyOut":
      return answer(m.id, copyOut(m.select, m.bounded));
    case "copyFields":
      // A heavy read's turn ends with its COPY; its fields are stripped here, after the turn passes on.
      return answer(m.id, heavyRead(() => copyOutNow(m.select)).then((buffer) => copiedFields(new Uint8Array(buffer), m.leadingComma)));
    case "begin":
    case "hold":
      return answer(m.id, hold(m.op === "begin"));
    case "end":
      return answer(m.id, end(m.tx, m.commit));
    case "close":
      return answer(m.id, pool.ended ? Promise.resolve(null) : pool.end().then(() => null));
    default:
      return parentPort.postMessage({ id: m.id, ok: false, error: { message: `unknown operation ${String(m.op)}` } });
  }
});
