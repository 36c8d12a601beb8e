// The PostgreSQL engine's client runs on a thread of its own (lib/db/postgres-thread.mjs): the server's
// thread, where this test runs, never drives a `pg` connection, whatever the store is asked.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { testStore, type TestStore } from "../support/db";
import type { Engine } from "@/lib/db/engine";
import { HEAVY_READS } from "@/lib/db/postgres";

describe("the PostgreSQL engine's client", () => {
  let store: TestStore;
  let db: Engine;
  const onThisThread = vi.spyOn(pg.Client.prototype, "query");
  beforeAll(async () => {
    store = await testStore("postgres");
    db = await store.open({ migrate: false, seed: false });
    // The test's own setup (a database copied from the template) used a client here.
    onThisThread.mockClear();
  }, 180_000);
  afterAll(async () => {
    onThisThread.mockRestore();
    await db?.close();
    await store?.dispose();
  });

  it("answers queries, transactions, COPY in and out and sessions, none of them on this thread", async () => {
    expect((await db.query<{ n: number; day: string }>("SELECT 2::int8 AS n, '2021-07-29'::date AS day")).rows).toEqual([{ n: 2, day: "2021-07-29" }]);
    const copied = await db.transaction(async (tx) => {
      await tx.query("CREATE TEMP TABLE words (word text) ON COMMIT DROP");
      const n = await tx.copyIn("words", ["word"], "a\\tb\nc\n");
      return { n, rows: (await tx.query<{ word: string }>("SELECT word FROM words ORDER BY word")).rows };
    });
    expect(copied).toEqual({ n: 2, rows: [{ word: "a\tb" }, { word: "c" }] });
    const chunks: Uint8Array[] = [];
    for await (const chunk of db.copyOut("SELECT 'x'::text FROM generate_series(1, 3)")) chunks.push(chunk);
    // The binary format's signature, 3 rows of one field, the trailer.
    expect(Buffer.concat(chunks).subarray(0, 6).toString("latin1")).toBe("PGCOPY");
    expect(Buffer.concat(chunks).length).toBe(19 + 3 * (2 + 4 + 1) + 2);
    const session = await db.session(async (client) => {
      await client.query("BEGIN");
      const seven = await client.query("SELECT 7 AS seven");
      await client.query("COMMIT");
      return seven.rows;
    });
    expect(session).toEqual([{ seven: 7 }]);
    expect(onThisThread).not.toHaveBeenCalled();
  });

  it("runs at most HEAVY_READS COPY outs at once, the others in turn, while a light query goes straight through", async () => {
    // Each COPY counts the COPYs PostgreSQL is running as it starts, then keeps its backend busy a while.
    const select = "SELECT /*heavy*/ (SELECT count(*)::int FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'COPY (SELECT /*heavy*/%') FROM pg_sleep(0.3)";
    const counted = async () => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of db.copyOut(select)) chunks.push(chunk);
      // The header (19 bytes), the row's field count (2) and length (4), then the int4.
      return Buffer.concat(chunks).readInt32BE(19 + 2 + 4);
    };
    const reads = Array.from({ length: 3 * HEAVY_READS }, counted);
    const t0 = performance.now();
    expect((await db.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    const light = performance.now() - t0;
    const seen = await Promise.all(reads);
    const heavy = performance.now() - t0;
    expect(Math.max(...seen)).toBe(HEAVY_READS);
    // The light query did not wait for the three turns of COPYs.
    expect(light).toBeLessThan(heavy / 2);
  });

  it("lets a bounded COPY out (a map view's answer) through while whole-dataset reads fill their turns", async () => {
    const sleeper = "SELECT /*page*/ 1 FROM pg_sleep(0.5)";
    const pages = Array.from({ length: 2 * HEAVY_READS }, async () => {
      for await (const chunk of db.copyOut(sleeper)) void chunk;
    });
    const t0 = performance.now();
    for await (const chunk of db.copyOut("SELECT 1", true)) void chunk;
    const bounded = performance.now() - t0;
    await Promise.all(pages);
    const whole = performance.now() - t0;
    // Two turns of half a second: the bounded read came back before the first turn ended.
    expect(bounded).toBeLessThan(whole / 2);
  });

  it("fails with PostgreSQL's own error: its code and fields", async () => {
    const err = await db.query("SELECT $1::int", ["not a number"]).then(() => null, (e: unknown) => e as Record<string, unknown>);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: "22P02", message: 'invalid input syntax for type integer: "not a number"' });
    // A failed transaction is rolled back and its connection given back: the pool still answers.
    await expect(db.transaction((tx) => tx.query("SELECT 1/0"))).rejects.toMatchObject({ code: "22012" });
    expect((await db.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });
});
