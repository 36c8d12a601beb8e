// A saved dataset's own description on both engines: stored, read back and cleared (lib/db/dataset-descriptions.ts),
// served by GET /api/datasets/<slug>/description only to those who may read the dataset, and set by its
// owner or an admin with PUT and DELETE (app/api/datasets/[slug]/description/route.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, testStore, type TestStore } from "../support/db";
import type { Engine } from "@/lib/db/engine";
import { createAccount } from "@/lib/auth/accounts";
import { createSession } from "@/lib/auth/sessions";
import { createLinkKey, setShares } from "@/lib/auth/access";
import { createDataset, deleteDataset } from "@/lib/db/datasets";
import { clearStoredDescription, getStoredDescription, setStoredDescription } from "@/lib/db/dataset-descriptions";
import { BARE_DESCRIPTION, readDescription } from "@/lib/dataset/description";
import { DELETE, GET, PUT } from "@/app/api/datasets/[slug]/description/route";

const DB_SLOT = Symbol.for("daraa-incident-map:db");
const slot = globalThis as unknown as Record<symbol, unknown>;

const SQUARE = [[[36, 32], [36.2, 32], [36.2, 32.2], [36, 32.2], [36, 32]]];
const DESCRIBED = {
  reference: { name: "Old bridge", coordinates: [36.1, 32.1] },
  defaultView: [35.9, 31.9, 36.3, 32.3],
  contextLayers: [
    {
      name: "Study area",
      data: {
        type: "FeatureCollection",
        features: [
          { type: "Feature", geometry: { type: "Polygon", coordinates: SQUARE }, properties: { name: "Area A", note: "<img src=x onerror=alert(1)>" } },
          { type: "Feature", geometry: { type: "LineString", coordinates: [[36, 32], [36.1, 32.1]] }, properties: {} },
          { type: "Feature", geometry: { type: "Point", coordinates: [36.05, 32.05] }, properties: { name: "Post" } },
        ],
      },
    },
  ],
};

const params = (slug: string) => ({ params: Promise.resolve({ slug }) });
const cookie = (token: string | null): Record<string, string> => (token ? { cookie: `session=${token}` } : {});
const get = (slug: string, token: string | null, query = "", headers: Record<string, string> = {}) =>
  GET(new Request(`http://x/api/datasets/${slug}/description${query}`, { headers: { ...cookie(token), ...headers } }), params(slug));
const put = (slug: string, token: string | null, body: unknown) =>
  PUT(new Request(`http://x/api/datasets/${slug}/description`, { method: "PUT", headers: { "content-type": "application/json", ...cookie(token) }, body: JSON.stringify(body) }), params(slug));
const del = (slug: string, token: string | null) => DELETE(new Request(`http://x/api/datasets/${slug}/description`, { method: "DELETE", headers: cookie(token) }), params(slug));

describe.each(ENGINES)("a saved dataset's description on %s", (engine) => {
  let store: TestStore;
  let db: Engine;
  const tokens: Record<string, string> = {};
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    store = await testStore(engine);
    db = await store.open({ seed: false });
    slot[DB_SLOT] = Promise.resolve(db);
    const accounts: Record<string, number> = {};
    for (const [name, role] of [["ada", "admin"], ["owen", "editor"], ["eve", "editor"], ["vic", "viewer"]] as const) {
      const a = await createAccount(db, { name, role, passwordHash: "scrypt$16384$8$1$AAAA$AAAA" });
      accounts[name] = a.id;
      tokens[name] = await createSession(db, a.id);
    }
    for (const [slug, visibility] of [["owens-private", "private"], ["owens-link", "link"], ["owens-public", "public"], ["daraa-2021", "public"]] as const) {
      ids[slug] = (await createDataset(db, { slug, name: `Name of ${slug}`, visibility, ownerId: slug === "daraa-2021" ? null : accounts.owen })).id;
    }
  }, 180_000);
  afterAll(async () => {
    delete slot[DB_SLOT];
    await db?.close();
    await store?.dispose();
  });

  it("the store keeps one document a dataset, replaces it, clears it, and loses it with the dataset", async () => {
    const d = await createDataset(db, { slug: "scratch", name: "Scratch", visibility: "private" });
    expect(await getStoredDescription(db, d.id)).toBeNull();
    expect(await setStoredDescription(db, d.id, { reference: null, defaultView: [1, 2, 3, 4], contextLayers: [] })).toBe(true);
    const first = await getStoredDescription(db, d.id);
    expect(first?.body).toEqual({ reference: null, defaultView: [1, 2, 3, 4], contextLayers: [] });
    expect(await setStoredDescription(db, d.id, { reference: null, defaultView: [5, 6, 7, 8], contextLayers: [] })).toBe(true);
    const second = await getStoredDescription(db, d.id);
    expect(second?.body).toEqual({ reference: null, defaultView: [5, 6, 7, 8], contextLayers: [] });
    expect(second?.stamp).not.toBe(first?.stamp);
    expect(await clearStoredDescription(db, d.id)).toBe(true);
    expect(await getStoredDescription(db, d.id)).toBeNull();
    await setStoredDescription(db, d.id, { reference: null, defaultView: null, contextLayers: [] });
    await deleteDataset(db, d.id);
    expect((await db.query("SELECT 1 FROM dataset_descriptions WHERE dataset_id = $1", [d.id])).rows).toEqual([]);
    expect(await setStoredDescription(db, d.id, {})).toBe(false);
  });

  it("the owner stores it; reading it back gives the dataset's name, the reference point, the view and the layer, its features keeping only their names", async () => {
    const res = await put("owens-private", tokens.owen, DESCRIBED);
    expect(res.status).toBe(200);
    const mine = await get("owens-private", tokens.owen);
    expect(mine.status).toBe(200);
    expect(mine.headers.get("cache-control")).toBe("private, no-cache");
    const d = readDescription(await mine.json());
    expect(d.name).toBe("Name of owens-private");
    expect(d.reference).toEqual({ name: "Old bridge", coordinates: [36.1, 32.1] });
    expect(d.defaultView).toEqual([35.9, 31.9, 36.3, 32.3]);
    expect(d.contextLayers.map((l) => [l.id, l.kind, l.name, l.data.features.length])).toEqual([["layer-1", "area", "Study area", 3]]);
    expect(d.contextLayers[0].data.features.map((f) => f.properties)).toEqual([{ name: "Area A" }, {}, { name: "Post" }]);
    expect((await (res.json() as Promise<{ description: unknown }>)).description).toEqual(d);
  });

  it("a private dataset's description is not readable by others: anyone else gets the bare description, as for no dataset", async () => {
    for (const who of [null, tokens.eve, tokens.vic]) {
      const res = await get("owens-private", who);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(BARE_DESCRIPTION);
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
    expect(await (await get("no-such-dataset", null)).json()).toEqual(BARE_DESCRIPTION);
    // Shared with the viewer, it reads it; an admin reads every dataset.
    await setShares(db, ids["owens-private"], ["vic"]);
    expect(readDescription(await (await get("owens-private", tokens.vic)).json()).defaultView).toEqual([35.9, 31.9, 36.3, 32.3]);
    expect(readDescription(await (await get("owens-private", tokens.ada)).json()).defaultView).toEqual([35.9, 31.9, 36.3, 32.3]);
    await setShares(db, ids["owens-private"], []);
    expect(await (await get("owens-private", tokens.vic)).json()).toEqual(BARE_DESCRIPTION);
  });

  it("a link dataset's description needs a live key; a public one is anyone's, revalidated by its ETag", async () => {
    expect((await put("owens-link", tokens.owen, DESCRIBED)).status).toBe(200);
    const key = (await createLinkKey(db, ids["owens-link"]))!;
    expect(await (await get("owens-link", null)).json()).toEqual(BARE_DESCRIPTION);
    expect(readDescription(await (await get("owens-link", null, `?key=${key}`)).json()).reference?.name).toBe("Old bridge");
    expect((await get("owens-link", null, "?key=%3Cnot-a-key%3E")).status).toBe(400);

    expect((await put("owens-public", tokens.owen, { reference: null, defaultView: [10, 10, 11, 11], contextLayers: [] })).status).toBe(200);
    const res = await get("owens-public", null);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const etag = res.headers.get("etag")!;
    expect(readDescription(await res.json()).defaultView).toEqual([10, 10, 11, 11]);
    expect((await get("owens-public", null, "", { "if-none-match": etag })).status).toBe(304);
    await put("owens-public", tokens.owen, { reference: null, defaultView: [10, 10, 12, 12], contextLayers: [] });
    expect((await get("owens-public", null, "", { "if-none-match": etag })).status).toBe(200);
  });

  it("only the owner or an admin sets it: 401 signed out, 404 to one who cannot read it, 403 to a reader; 409 for the declared dataset", async () => {
    const status = async (slug: string, who: string | null) => (await put(slug, who, DESCRIBED)).status;
    expect(await status("owens-public", null)).toBe(401);
    expect(await status("owens-private", tokens.eve)).toBe(404);
    expect(await status("owens-public", tokens.eve)).toBe(403);
    expect(await status("owens-public", tokens.vic)).toBe(403);
    expect(await status("owens-public", tokens.ada)).toBe(200);
    const declared = await put("daraa-2021", tokens.ada, DESCRIBED);
    expect([declared.status, ((await declared.json()) as { field: string }).field]).toEqual([409, "slug"]);
    // The declared description is served whatever the store holds.
    expect(readDescription(await (await get("daraa-2021", null)).json()).reference?.name).toBe("Daraa al-Balad");
  });

  it("refuses a description that breaks a rule, naming the field and the value, and keeps the one before", async () => {
    const refused = async (body: unknown) => {
      const res = await put("owens-private", tokens.owen, body);
      return [res.status, ((await res.json()) as { field: string }).field];
    };
    const layer = DESCRIBED.contextLayers[0];
    const cases: [unknown, string][] = [
      [{ ...DESCRIBED, defaultView: [36.3, 31.9, 35.9, 32.3] }, "defaultView"],
      [{ ...DESCRIBED, reference: { name: "", coordinates: [36, 32] } }, "reference.name"],
      [{ ...DESCRIBED, reference: { name: "x", coordinates: [36, 95] } }, "reference.coordinates[1]"],
      [{ ...DESCRIBED, contextLayers: Array(9).fill(layer) }, "contextLayers"],
      [{ ...DESCRIBED, contextLayers: [{ ...layer, data: { type: "FeatureCollection", features: [{ type: "Feature", geometry: { type: "GeometryCollection", geometries: [] }, properties: {} }] } }] }, "contextLayers[0].data.features[0].geometry.type"],
      [{ ...DESCRIBED, script: "<b>" }, "script"],
    ];
    for (const [body, field] of cases) expect(await refused(body)).toEqual([400, field]);
    expect(readDescription(await (await get("owens-private", tokens.owen)).json()).reference?.name).toBe("Old bridge");
  });

  it("DELETE, or a PUT of nothing, clears it: the dataset is bare again, with its name", async () => {
    expect((await del("owens-private", tokens.eve)).status).toBe(404);
    expect((await del("owens-private", tokens.owen)).status).toBe(200);
    expect(await (await get("owens-private", tokens.owen)).json()).toEqual({ ...BARE_DESCRIPTION, name: "Name of owens-private" });
    expect(await getStoredDescription(db, ids["owens-private"])).toBeNull();
    await put("owens-link", tokens.owen, { reference: null, defaultView: null, contextLayers: [] });
    expect(await getStoredDescription(db, ids["owens-link"])).toBeNull();
  });
});
