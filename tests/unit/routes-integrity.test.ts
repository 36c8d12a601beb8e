// The account and dataset routes, called with a Request on both engines, where the red team found them
// open: two admins demoting each other at once, names differing only in case, a same-name create racing
// itself, a NUL in a sign-in name, slugs that told of private datasets, a 404 slower for a private dataset
// than a missing one, a link key echoed, and keys that opened a dataset again after it left "link".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, testStore, type TestStore } from "../support/db";
import { incident } from "../support/incidents";
import type { Engine } from "@/lib/db/engine";
import type { Queryable } from "@/lib/db/types";
import { countAdmins, createAccount } from "@/lib/auth/accounts";
import { createSession } from "@/lib/auth/sessions";
import { createLinkKey, isLiveKey } from "@/lib/auth/access";
import { createDataset } from "@/lib/db/datasets";
import { findDataset } from "@/lib/server/dataset-routes";
import { readableDataset } from "@/lib/server/dataset-access";
import { PATCH as patchUser } from "@/app/api/users/[name]/route";
import { POST as postUser } from "@/app/api/users/route";
import { POST as postSession } from "@/app/api/session/route";
import { POST as postDataset } from "@/app/api/datasets/route";
import { PATCH as patchDataset } from "@/app/api/datasets/[slug]/route";
import { POST as postLink } from "@/app/api/datasets/[slug]/links/route";
import { GET as getIncidents } from "@/app/api/incidents/route";

const DB_SLOT = Symbol.for("daraa-incident-map:db");
const slot = globalThis as unknown as Record<symbol, unknown>;

const write = (path: string, method: string, token: string | null, body: unknown) =>
  new Request(`http://x${path}`, { method, headers: { "content-type": "application/json", ...(token ? { cookie: `session=${token}` } : {}) }, body: JSON.stringify(body) });

/** A Queryable that counts the statements sent through it. */
function counting(db: Queryable): { db: Queryable; count: () => number } {
  let n = 0;
  return {
    db: { query: (text: string, params?: unknown[]) => (n++, db.query(text, params)) } as Queryable,
    count: () => n,
  };
}

describe.each(ENGINES)("route integrity on %s", (engine) => {
  let store: TestStore;
  let db: Engine;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    store = await testStore(engine);
    db = await store.open({ seed: false });
    slot[DB_SLOT] = Promise.resolve(db);
    for (const [name, role] of [["ada", "admin"], ["bea", "admin"], ["eddie", "editor"], ["olga", "editor"]] as const) {
      const a = await createAccount(db, { name, role, passwordHash: "scrypt$16384$8$1$AAAA$AAAA" });
      tokens[name] = await createSession(db, a.id);
    }
  }, 180_000);
  afterAll(async () => {
    delete slot[DB_SLOT];
    await db?.close();
    await store?.dispose();
  });

  it("two admins demoting each other at once: one is refused (409, or 403 once it is no longer an admin), one admin left", async () => {
    for (let round = 0; round < 8; round++) {
      await db.query("UPDATE accounts SET role = 'admin' WHERE name IN ('ada', 'bea')");
      const answers = await Promise.all([
        patchUser(write("/api/users/bea", "PATCH", tokens.ada, { role: "editor" }), { params: Promise.resolve({ name: "bea" }) }),
        patchUser(write("/api/users/ada", "PATCH", tokens.bea, { role: "editor" }), { params: Promise.resolve({ name: "ada" }) }),
      ]);
      expect(answers.map((r) => r.status).sort()).toContain(200);
      expect(answers.map((r) => r.status).filter((s) => s === 409 || s === 403)).toHaveLength(1);
      expect(await countAdmins(db)).toBe(1);
    }
  });

  it("account names are unique regardless of case; a same-name create at once is 409, not 500", async () => {
    const admin = (await db.query<{ name: string }>("SELECT name FROM accounts WHERE role = 'admin'")).rows[0].name;
    const taken = await postUser(write("/api/users", "POST", tokens[admin], { name: "Eddie", role: "viewer", password: "a long enough password" }));
    expect([taken.status, (await taken.json()).field]).toEqual([409, "name"]);
    await expect(createAccount(db, { name: "EDDIE", role: "viewer", passwordHash: "x" })).rejects.toMatchObject({ code: "23505" });
    const both = await Promise.all([0, 1].map(() => postUser(write("/api/users", "POST", tokens[admin], { name: "zed", role: "viewer", password: "a long enough password" }))));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it("a NUL in a sign-in name is 400 naming the field", async () => {
    const res = await postSession(write("/api/session", "POST", null, { name: "ed\u0000die", password: "whatever it is" }));
    expect([res.status, (await res.json()).field]).toEqual([400, "name"]);
  });

  it("a new dataset's slug says nothing about another account's private dataset of the same name", async () => {
    const olga = (await db.query<{ id: number }>("SELECT id FROM accounts WHERE name = 'olga'")).rows[0].id;
    await createDataset(db, { slug: "secret-ops", name: "Secret ops", visibility: "private", ownerId: olga });
    const save = async (name: string) => {
      const res = await postDataset(write("/api/datasets", "POST", tokens.eddie, { name, visibility: "private", collection: { type: "FeatureCollection", features: [incident()] } }));
      expect(res.status).toBe(201);
      return ((await res.json()) as { dataset: { slug: string } }).dataset.slug;
    };
    expect(await save("Secret ops")).toMatch(/^secret-ops-[a-z0-9]{6}$/);
    expect(await save("Open ops")).toMatch(/^open-ops-[a-z0-9]{6}$/);
  });

  it("a private dataset and a missing one cost the same statements (as do a link dataset with a wrong key and a missing one)", async () => {
    const olga = (await db.query<{ id: number }>("SELECT id FROM accounts WHERE name = 'olga'")).rows[0].id;
    await createDataset(db, { slug: "olga-private", name: "Olga's", visibility: "private", ownerId: olga });
    await createDataset(db, { slug: "olga-link", name: "Olga's by link", visibility: "link", ownerId: olga });
    const eddie = (await db.query<{ id: number; role: "editor" }>("SELECT id, role FROM accounts WHERE name = 'eddie'")).rows[0];
    const fakeKey = "A".repeat(24);
    const work = async (slug: string, signedIn: boolean, key: string | null) => {
      const c = counting(db);
      const caller = { db: c.db as Engine, account: signedIn ? { ...eddie, name: "eddie", createdAt: new Date(), disabledAt: null } : null, token: null, secure: false };
      await expect(findDataset(caller, slug, key)).rejects.toMatchObject({ status: 404 });
      const routes = c.count();
      expect(await readableDataset(c.db, slug, signedIn ? eddie : null, key ? [key] : [])).toBeNull();
      return [routes, c.count() - routes];
    };
    expect(await work("olga-private", true, null)).toEqual(await work("no-such-thing", true, null));
    expect(await work("olga-link", false, fakeKey)).toEqual(await work("no-such-thing", false, fakeKey));
  });

  it("a repeated key is refused without echoing it", async () => {
    const key = "SecretKeyValue0123456789";
    const res = await getIncidents(new Request(`http://x/api/incidents?dataset=daraa-2021&key=${key}&key=${key}`));
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain(key);
  });

  it("leaving \"link\" revokes the dataset's keys: they do not open it when it is \"link\" again", async () => {
    const eddie = (await db.query<{ id: number }>("SELECT id FROM accounts WHERE name = 'eddie'")).rows[0].id;
    const d = await createDataset(db, { slug: "shared-by-link", name: "By link", visibility: "link", ownerId: eddie });
    const key = await createLinkKey(db, d.id);
    const params = { params: Promise.resolve({ slug: d.slug }) };
    for (const visibility of ["private", "link"]) expect((await patchDataset(write(`/api/datasets/${d.slug}`, "PATCH", tokens.eddie, { visibility }), params)).status).toBe(200);
    expect(await isLiveKey(db, d.id, key)).toBe(false);
  });

  it("a key is made only while the dataset is \"link\"; keys from before it became \"link\" never open it", async () => {
    const eddie = (await db.query<{ id: number }>("SELECT id FROM accounts WHERE name = 'eddie'")).rows[0].id;
    const d = await createDataset(db, { slug: "private-first", name: "Private first", visibility: "private", ownerId: eddie });
    const params = { params: Promise.resolve({ slug: d.slug }) };
    const made = await postLink(write(`/api/datasets/${d.slug}/links`, "POST", tokens.eddie, {}), params);
    const madeWhilePrivate = made.status === 201 ? ((await made.json()) as { key: string }).key : null;
    expect([made.status, madeWhilePrivate === null ? (await made.json()).field : "a key"]).toEqual([409, "visibility"]);
    // A key a server before this one made while the dataset was private.
    const old = "OldKeyMadeWhilePrivate00";
    await db.query("INSERT INTO dataset_links (token_hash, dataset_id) VALUES (sha256(convert_to($1, 'UTF8')), $2)", [old, d.id]);
    expect((await patchDataset(write(`/api/datasets/${d.slug}`, "PATCH", tokens.eddie, { visibility: "link" }), params)).status).toBe(200);
    expect(await isLiveKey(db, d.id, old)).toBe(false);
    expect(await createLinkKey(db, d.id)).toEqual(expect.any(String));
  });

  it("a key made while the dataset leaves \"link\" does not open it when it is \"link\" again", async () => {
    const eddie = (await db.query<{ id: number }>("SELECT id FROM accounts WHERE name = 'eddie'")).rows[0].id;
    const d = await createDataset(db, { slug: "link-race", name: "Link race", visibility: "link", ownerId: eddie });
    const params = { params: Promise.resolve({ slug: d.slug }) };
    const keys: string[] = [];
    for (let round = 0; round < 6; round++) {
      const [made] = await Promise.all([
        postLink(write(`/api/datasets/${d.slug}/links`, "POST", tokens.eddie, {}), params),
        patchDataset(write(`/api/datasets/${d.slug}`, "PATCH", tokens.eddie, { visibility: "private" }), params),
      ]);
      if (made.status === 201) keys.push(((await made.json()) as { key: string }).key);
      expect((await patchDataset(write(`/api/datasets/${d.slug}`, "PATCH", tokens.eddie, { visibility: "link" }), params)).status).toBe(200);
      for (const key of keys) expect(await isLiveKey(db, d.id, key)).toBe(false);
    }
  });
});
