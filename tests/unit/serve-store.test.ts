// The read routes served from the store (lib/server/incident-query.ts, dataset-columns.ts, dataset-access.ts)
// on both engines: any dataset, the seeded Daraa one included, answers byte for byte what the export button
// makes of the incidents the view shows (tests/support/expected-answer.ts), its columns are the file's, and
// a dataset that may not be read is 404 like one that does not exist.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { ENGINES, testStore, type TestStore } from "../support/db";
import { incident } from "../support/incidents";
import type { Engine } from "@/lib/db/engine";
import { createDataset } from "@/lib/db/datasets";
import { saveIncidents } from "@/lib/db/incidents";
import { GET as getIncidents, MAX_QUERY_STRING } from "@/app/api/incidents/route";
import { GET as getColumns } from "@/app/api/incidents/columns/route";
import { serveFrom } from "@/lib/server/dataset-source";
import { SMALL_ANSWER } from "@/lib/server/incident-query";
import { DARAA } from "@/lib/db/seed";
import { encodeColumns } from "@/lib/columns/encode";
import { placeIncidents } from "@/lib/incident/place";
import { GEOJSON_MEDIA_TYPE } from "@/lib/export/geojson";
import { incidentIssues } from "@/lib/incident/validate";
import { daraaFeatures, expectedAnswer, shownFor } from "../support/expected-answer";
import { synthesizeIncidents, type Town } from "@/lib/build/synth";
import type { IncidentFeature, IncidentGeometry } from "@/lib/incident/model";

// Filters of every kind: none, bbox, dates, types, facets, undated, and answers that are empty.
const QUERIES = [
  "",
  "?bbox=35.9,32.5,36.2,32.8",
  "?bbox=36.100833,32.612222,36.100833,32.612222",
  "?from=2021-07-29&to=2021-08-05",
  "?from=2021-08-01&to=2021-08-31&undated=1&bbox=35.9,32.5,36.2,32.8",
  "?from=2018-06-01&to=2018-06-01",
  "?types=Battles,Explosions%2FRemote%20violence&fatal=some",
  "?precision=1&actors=Military%20Forces%20of%20Syria%20(2000-)",
  "?fatal=none&precision=2,3",
  "?to=2021-07-31",
  "?from=2021-08-20",
  "?bbox=0,0,1,1",
  "?types=Skirmish,Shelling%252C%20heavy,Unclassified",
];

async function answer(res: Response) {
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get("content-type"), length: res.headers.get("content-length"), body: body.toString("utf8") };
}

const TOWNS: Town[] = [
  { name: "Dar'a", lng: 36.10628, lat: 32.61889, population: 97969, admin1: "Daraa" },
  { name: "Homs", lng: 36.72339, lat: 34.72682, population: 775404, admin1: "Homs" },
];

/** Synthetic incidents, every fifth a road and every seventh a clockwise square (the export rewinds it). */
function mixed(count: number): IncidentFeature[] {
  const features = synthesizeIncidents({ count, seed: 3, towns: TOWNS }).features as IncidentFeature[];
  return features.map((f, i) => {
    const [x, y] = f.geometry.coordinates as number[];
    const r = (v: number) => Math.round(v * 1e6) / 1e6;
    let geometry: IncidentGeometry = f.geometry;
    if (i % 5 === 1) geometry = { type: "LineString", coordinates: [[x, y], [r(x + 0.02), r(y + 0.01)], [r(x + 0.05), y]] };
    else if (i % 7 === 2) geometry = { type: "Polygon", coordinates: [[[x, y], [x, r(y + 0.03)], [r(x + 0.03), r(y + 0.03)], [r(x + 0.03), y], [x, y]]] };
    return { ...f, geometry };
  });
}

describe.each(ENGINES)("the read routes from the store on %s", (engine) => {
  let store: TestStore;
  let db: Engine;
  beforeAll(async () => {
    store = await testStore(engine);
    db = await store.open();
    serveFrom(db);
  }, 180_000);
  afterAll(async () => {
    serveFrom(null);
    await db?.close();
    await store?.dispose();
  });

  it.each(QUERIES)("daraa-2021%s: the incidents the view shows, as the export makes them", async (query) => {
    const features = daraaFeatures();
    const expected = expectedAnswer(features, DARAA.name, query);
    for (const q of [query, `${query ? `${query}&` : "?"}dataset=daraa-2021`]) {
      const got = await answer(await getIncidents(new Request(`http://x/api/incidents${q}`)));
      expect(got).toEqual({ status: 200, type: GEOJSON_MEDIA_TYPE, length: String(Buffer.byteLength(expected)), body: expected });
    }
    expect(incidentIssues(JSON.parse(expected))).toEqual([]);
    // Answers that are not empty, or the comparison would say little.
    if (query === "" || query.startsWith("?from=2021-07-29")) expect(shownFor(features, query).length).toBeGreaterThan(0);
  });

  it("records the filter in describeFilter's canonical form", async () => {
    const json = await (await getIncidents(new Request("http://x/api/incidents?precision=2,1&to=2021-09-01&from=2021-08-01&bbox=35,32,37,34"))).json();
    expect(json.filters).toEqual({ from: "2021-08-01", to: "2021-09-01", includeUndated: false, geoPrecision: [1, 2], bbox: [35, 32, 37, 34] });
    // A query string of MAX_QUERY_STRING characters is answered (one more is 414: tests/unit/api-incidents.test.ts).
    expect((await getIncidents(new Request(`http://x/api/incidents?actors=${"a".repeat(MAX_QUERY_STRING - 7)}`))).status).toBe(200);
  });

  it("daraa-2021's columns: the file's incidents, gzipped once with a hash of the bytes as ETag, 304 to a page that has them", async () => {
    const res = await getColumns(new Request("http://x/api/incidents/columns?dataset=daraa-2021"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.incident-map.columns+gzip");
    const body = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get("content-length"))).toBe(body.length);
    expect(gunzipSync(body).equals(Buffer.from(encodeColumns(placeIncidents(daraaFeatures()))))).toBe(true);
    const etag = res.headers.get("etag");
    expect(etag).toBe(`"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`);
    expect(decodeURIComponent(res.headers.get("x-dataset-name")!)).toBe(DARAA.name);
    // The default dataset is daraa-2021: the same answer without the parameter.
    expect((await getColumns(new Request("http://x/api/incidents/columns"))).headers.get("etag")).toBe(etag);
    const ask = (ifNoneMatch: string) => getColumns(new Request("http://x/api/incidents/columns", { headers: { "if-none-match": ifNoneMatch } }));
    const again = await ask(`"other", W/${etag}`);
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
    expect((await ask('"other"')).status).toBe(200);
    expect((await ask("*")).status).toBe(304);
  });

  it("any dataset: the export's bytes over the same features, a large answer streamed in pages", async () => {
    const features = mixed(SMALL_ANSWER + 1500);
    const d = await createDataset(db, { slug: "mixed", name: "Mixed “roads” & areas", visibility: "public" });
    await saveIncidents(db, d.id, features);
    const [x, y] = features[10].geometry.coordinates as number[];
    const queries = ["", `?bbox=${x},${y},${x + 0.4},${y + 0.4}`, "?bbox=36,32.5,36.3,32.8&from=2015-01-01&to=2016-03-31", "?from=2013-01-01&to=2016-12-31&fatal=none", "?types=Protests&precision=2"];
    // The whole dataset is past SMALL_ANSWER, so the two-pass stream answers it; the others are one query.
    expect(shownFor(features, "").length).toBeGreaterThan(SMALL_ANSWER);
    for (const query of queries.slice(1)) expect(shownFor(features, query).length, query).toBeGreaterThan(0);
    for (const query of queries) {
      const expected = expectedAnswer(features, d.name, query);
      const got = await answer(await getIncidents(new Request(`http://x/api/incidents${query ? `${query}&` : "?"}dataset=mixed`)));
      expect(got.status).toBe(200);
      expect(got.body.length).toBe(expected.length);
      expect(got.body === expected).toBe(true);
      expect(Number(got.length)).toBe(Buffer.byteLength(expected));
    }
  }, 120_000);

  it("a dataset that is not there, private, or behind a link without a live key is 404, the same answer", async () => {
    const alice = (await db.query<{ id: number }>("INSERT INTO accounts (name, role, password_hash) VALUES ('alice', 'editor', 'x') RETURNING id")).rows[0].id;
    const priv = await createDataset(db, { slug: "private-one", name: "Private", visibility: "private", ownerId: alice });
    const link = await createDataset(db, { slug: "by-link", name: "By link", visibility: "link", ownerId: alice });
    for (const d of [priv, link]) await saveIncidents(db, d.id, [incident({ event_id: `${d.slug}-1` })]);
    const key = "k".repeat(24);
    await db.query("INSERT INTO dataset_links (token_hash, dataset_id) VALUES ($1, $2)", [createHash("sha256").update(key).digest(), link.id]);
    const status = async (q: string) => (await getIncidents(new Request(`http://x/api/incidents?${q}`))).status;
    const columns = async (q: string) => (await getColumns(new Request(`http://x/api/incidents/columns?${q}`))).status;
    for (const q of ["dataset=nope", "dataset=private-one", "dataset=by-link", `dataset=by-link&key=${"x".repeat(24)}`, `dataset=private-one&key=${key}`]) {
      expect([q, await status(q), await columns(q)]).toEqual([q, 404, 404]);
    }
    const withKey = await getIncidents(new Request(`http://x/api/incidents?dataset=by-link&key=${key}`));
    expect(withKey.status).toBe(200);
    expect(withKey.headers.get("cache-control")).toBe("private, no-cache");
    expect((await withKey.json()).features.map((f: IncidentFeature) => f.properties.event_id)).toEqual(["by-link-1"]);
    // Several keys: any live one of the dataset opens it.
    expect(await columns(`dataset=by-link&key=${"x".repeat(24)},${key}`)).toBe(200);
    await db.query("UPDATE dataset_links SET revoked_at = now() WHERE dataset_id = $1", [link.id]);
    expect(await status(`dataset=by-link&key=${key}`)).toBe(404);
    expect(await columns(`dataset=by-link&key=${key}`)).toBe(404);
    const body = await (await getIncidents(new Request("http://x/api/incidents?dataset=nope"))).json();
    expect(body).toEqual({ error: 'dataset: no dataset "nope" (or it is not shared with you)', field: "dataset" });
  });

  it("a private dataset reads to its owner, the accounts it is shared with and admins, through the session cookie", async () => {
    const account = async (name: string, role: string) =>
      (await db.query<{ id: number }>("INSERT INTO accounts (name, role, password_hash) VALUES ($1, $2, 'x') RETURNING id", [name, role])).rows[0].id;
    const [owner, friend, stranger, admin] = [await account("owner", "editor"), await account("friend", "viewer"), await account("stranger", "editor"), await account("root", "admin")];
    const d = await createDataset(db, { slug: "secret", name: "Secret", visibility: "private", ownerId: owner });
    await saveIncidents(db, d.id, [incident({ event_id: "S-1" })]);
    await db.query("INSERT INTO dataset_shares (dataset_id, account_id) VALUES ($1, $2)", [d.id, friend]);
    const cookie = async (id: number, expired = false) => {
      const token = createHash("sha256").update(`token-${id}-${expired}`).digest("base64url");
      await db.query(`INSERT INTO sessions (token_hash, account_id, expires_at) VALUES ($1, $2, now() + interval '${expired ? "-1" : "1"} hour')`, [createHash("sha256").update(token).digest(), id]);
      return `other=1; session=${token}`;
    };
    const status = async (c: string | null) => (await getIncidents(new Request("http://x/api/incidents?dataset=secret", c ? { headers: { cookie: c } } : {}))).status;
    expect(await status(await cookie(owner))).toBe(200);
    expect(await status(await cookie(friend))).toBe(200);
    expect(await status(await cookie(admin))).toBe(200);
    expect(await status(await cookie(stranger))).toBe(404);
    expect(await status(await cookie(owner, true))).toBe(404);
    expect(await status(null)).toBe(404);
  });

  it("a write to a dataset changes its ETags and its columns at once", async () => {
    const d = await createDataset(db, { slug: "growing", name: "Growing", visibility: "public" });
    await saveIncidents(db, d.id, [incident({ event_id: "G-1" })]);
    const get = (route: typeof getIncidents, path: string) => route(new Request(`http://x/api/incidents${path}?dataset=growing`));
    const [a1, c1] = [await get(getIncidents, ""), await get(getColumns, "/columns")];
    await saveIncidents(db, d.id, [incident({ event_id: "G-2" })]);
    const [a2, c2] = [await get(getIncidents, ""), await get(getColumns, "/columns")];
    expect(a2.headers.get("etag")).not.toBe(a1.headers.get("etag"));
    expect(c2.headers.get("etag")).not.toBe(c1.headers.get("etag"));
    expect((await a2.json()).features).toHaveLength(2);
    const again = await getColumns(new Request("http://x/api/incidents/columns?dataset=growing", { headers: { "if-none-match": c2.headers.get("etag")! } }));
    expect(again.status).toBe(304);
  });

  it("names the parameter of a bad dataset or key, and reads one dataset per request", async () => {
    for (const [q, field] of [["dataset=Bad%20Slug", "dataset"], ["dataset=a,b", "dataset"], ["key=short", "key"], ["dataset=a&dataset=b", "dataset"]]) {
      const res = await getIncidents(new Request(`http://x/api/incidents?${q}`));
      expect([q, res.status, (await res.json()).field]).toEqual([q, 400, field]);
    }
  });
});
