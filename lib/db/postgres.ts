import "server-only";
// The scale engine: a PostgreSQL + PostGIS server reached through a URL, through a pool of connections.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import type { Queryable, QueryResult } from "./types";
import { DATE_OID, INT8_OID, parseDate, parseInt8, type Engine } from "./engine";

const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID ? parseInt8 : oid === DATE_OID ? parseDate : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

/** COPY … FROM STDIN on one connection, the rows streamed in as they are (pg-copy-streams). */
async function copyIn(client: pg.PoolClient, table: string, columns: readonly string[], rows: string): Promise<number> {
  const copy = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
  await pipeline(Readable.from([rows]), copy);
  return copy.rowCount;
}

/** COPY … TO STDOUT in binary on a pooled connection, read as the consumer reads (the socket pauses meanwhile). */
async function* copyOut(pool: pg.Pool, select: string): AsyncGenerator<Uint8Array> {
  const client = await pool.connect();
  let whole = false;
  try {
    yield* client.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT binary)`)) as AsyncIterable<Buffer>;
    whole = true;
  } finally {
    // A COPY left mid-way leaves the connection mid-answer: closed, never handed to another query.
    client.release(!whole);
  }
}

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      const res = await client.query(text, params as unknown[] | undefined);
      return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
    },
    async copyIn(table, columns, rows) {
      if (!(client instanceof pg.Pool)) return copyIn(client, table, columns, rows);
      const own = await client.connect();
      try {
        return await copyIn(own, table, columns, rows);
      } finally {
        own.release();
      }
    },
  };
}

// @option max: number = 10, connections per app process (pg's default); PostgreSQL's own limit is 100 in all
export async function openPostgres(url: string, max = 10): Promise<Engine> {
  const pool = new pg.Pool({ connectionString: url, max, types });
  // An idle connection the server dropped must not crash the process; the next query gets a new one.
  pool.on("error", () => {});
  await pool.query("SELECT 1");
  const self = queryable(pool);
  return {
    engine: "postgres",
    query: self.query,
    copyIn: self.copyIn,
    copyOut: (select) => copyOut(pool, select),
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query("BEGIN");
        const result = await fn(queryable(client));
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => (broken = true));
        throw err;
      } finally {
        client.release(broken);
      }
    },
    async session(fn) {
      const client = await pool.connect();
      try {
        return await fn(
          { query: async (text, values) => { const r = await client.query(text, values); return { rows: r.rows, rowCount: r.rowCount ?? 0 }; } },
          false,
        );
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
