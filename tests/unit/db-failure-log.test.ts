// A failed query leaves no data value in the server log or the answer, on both engines: the errors are
// the engines' own (a value quoted in the message, a row in the detail, JSON text in the context), thrown
// from under the routes that log failures.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ENGINES, testStore, type TestStore } from "../support/db";
import type { Engine } from "@/lib/db/engine";
import type { Db } from "@/lib/db/types";
import { createDataset } from "@/lib/db/datasets";
import { serveFrom } from "@/lib/server/dataset-source";
import { GET as listDatasets } from "@/app/api/datasets/route";
import { GET as getIncidents } from "@/app/api/incidents/route";
import { GET as getColumns } from "@/app/api/incidents/columns/route";

const DB_SLOT = Symbol.for("daraa-incident-map:db");
const slot = globalThis as unknown as Record<symbol, unknown>;
const SECRET = "secret0value";

/** A store whose every query fails with `err`, as the engine threw it. */
const failing = (db: Engine, err: unknown): Db => ({
  engine: db.engine,
  query: () => Promise.reject(err),
  transaction: () => Promise.reject(err),
  copyIn: () => Promise.reject(err),
  copyOut: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(err) }) }),
  copyFields: () => Promise.reject(err),
  close: async () => {},
});

describe.each(ENGINES)("failure log on %s", (engine) => {
  let store: TestStore;
  let db: Engine;
  const errors: [string, unknown][] = [];
  beforeAll(async () => {
    store = await testStore(engine);
    db = await store.open({ seed: false });
    const thrown = async (text: string, params: unknown[]) => db.query(text, params).then(() => null, (err: unknown) => err);
    await createDataset(db, { slug: `taken-${SECRET}`, name: "Taken", visibility: "public" });
    errors.push(
      ["a value of the wrong type", await thrown("SELECT $1::int", [`${SECRET}-int`])],
      ["a key already there", await thrown("INSERT INTO datasets (slug, name, visibility) VALUES ($1, 'x', 'public')", [`taken-${SECRET}`])],
      ["a check failed", await thrown("INSERT INTO datasets (slug, name, visibility) VALUES ($1, 'x', 'public')", [`${SECRET}-Slug!`])],
      ["JSON holding a NUL", await thrown("SELECT $1::jsonb", [`{"${SECRET}": "\\u0000"}`])],
      ["a date out of range", await thrown("SELECT $1::date", [`2021-02-30 ${SECRET}`])],
    );
  }, 180_000);
  afterEach(() => {
    vi.restoreAllMocks();
    delete slot[DB_SLOT];
    serveFrom(null);
  });
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  it("the engine's errors hold the values (what this test guards against)", () => {
    const held = errors.filter(([, err]) => JSON.stringify({ ...(err as object), stack: (err as Error).stack }).includes(SECRET)).map(([what]) => what);
    // The embedded engine's errors carry the message and code only; PostgreSQL's the detail and context too.
    expect(held).toEqual(engine === "postgres" ? errors.map(([what]) => what) : expect.arrayContaining(["a value of the wrong type", "a date out of range"]));
  });

  it("the routes log the failure by its code, with no value, and answer 500 without one", async () => {
    for (const [what, err] of errors) {
      const broken = failing(db, err);
      slot[DB_SLOT] = Promise.resolve(broken);
      serveFrom(broken);
      const logged: string[] = [];
      vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => (a instanceof Error ? `${a.stack} ${JSON.stringify(a)}` : typeof a === "string" ? a : JSON.stringify(a))).join(" ")));
      for (const answer of [
        await listDatasets(new Request("http://x/api/datasets")),
        await getIncidents(new Request(`http://x/api/incidents?dataset=elsewhere`)),
        await getColumns(new Request(`http://x/api/incidents/columns?dataset=elsewhere`)),
      ]) {
        expect(answer.status, what).toBe(500);
        expect(await answer.text(), what).not.toContain(SECRET);
      }
      expect(logged, what).toHaveLength(3);
      const code = (err as { code?: string }).code;
      for (const line of logged) {
        expect(line, what).not.toContain(SECRET);
        if (code) expect(line, what).toContain(code);
      }
    }
  });
});
