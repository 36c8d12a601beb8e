// The first admin made while the server runs (lib/auth/first-admin.ts, POST /api/setup): a one-time key
// offered only while the store has no account; a wrong key 403 before any password is hashed; the key works once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testStore, type TestStore } from "../support/db";
import type { Engine } from "@/lib/db/engine";
import { offerSetup } from "@/lib/auth/first-admin";
import { getAccountByName } from "@/lib/auth/accounts";
import { POST } from "@/app/api/setup/route";

const DB_SLOT = Symbol.for("daraa-incident-map:db");
const slot = globalThis as unknown as Record<symbol, unknown>;
const setup = (body: unknown) => POST(new Request("http://x/api/setup", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));

describe("the first admin on a running server", () => {
  let store: TestStore;
  let db: Engine;
  beforeAll(async () => {
    store = await testStore("embedded");
    db = await store.open({ seed: false });
    slot[DB_SLOT] = Promise.resolve(db);
  }, 120_000);
  afterAll(async () => {
    delete slot[DB_SLOT];
    await db?.close();
    await store?.dispose();
  });

  it("a key is offered while there is no account, makes one admin, and works once", async () => {
    const key = (await offerSetup(db))!;
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const wrong = await setup({ token: "x".repeat(43), name: "root", password: "a long enough password" });
    expect([wrong.status, (await wrong.json()).field]).toEqual([403, "token"]);
    const made = await setup({ token: key, name: "root", password: "a long enough password" });
    expect(made.status).toBe(201);
    expect((await getAccountByName(db, "root"))?.role).toBe("admin");
    expect((await setup({ token: key, name: "second", password: "a long enough password" })).status).toBe(403);
    expect(await getAccountByName(db, "second")).toBeNull();
    expect(await offerSetup(db)).toBeNull();
  });
});
