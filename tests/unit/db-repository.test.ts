// The store's datasets and incidents on both engines (lib/db/datasets.ts, incidents.ts): who sees which
// dataset, writes that are all or nothing, and the SQL filters the API serves from.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, testStore, type TestStore } from "../support/db";
import { incident } from "../support/incidents";
import type { Engine } from "@/lib/db/engine";
import {
  addSource, createDataset, deleteDataset, getDatasetById, getDatasetBySlug, listSources, listVisibleDatasets, updateDataset,
} from "@/lib/db/datasets";
import { BATCH_ROWS, countIncidents, replaceIncidents, saveIncidents, storedText } from "@/lib/db/incidents";
import { readIncidents } from "../support/stored-incidents";

const ids = (rows: { feature: string }[]) => rows.map((r) => (JSON.parse(r.feature) as { properties: { event_id: string } }).properties.event_id);

// Five incidents to filter: places, days and types chosen so each filter keeps a different set.
const FIVE = [
  incident({ event_id: "A", event_date: "2021-07-29", event_type: "Battles" }, [36.1, 32.6]),
  incident({ event_id: "B", event_date: "2021-07-25", event_date_end: "2021-07-30", event_type: "Explosions/Remote violence" }, [36.3, 32.8]),
  incident({ event_id: "C", event_date: null, time_precision: 3, event_type: "Battles" }, [36.1, 32.6]),
  incident({ event_id: "D", event_date: "2021-08-02", event_type: "Protests" }, [35.9, 32.6]),
  // a road from outside the box into it: its geometry meets the box
  incident({ event_id: "E", event_date: "2021-07-31", event_type: "Battles" }, { type: "LineString", coordinates: [[35.5, 32.0], [36.05, 32.55]] }),
];

describe.each(ENGINES)("datasets and incidents on %s", (engine) => {
  let store: TestStore;
  let db: Engine;
  let alice: number, bob: number;
  beforeAll(async () => {
    store = await testStore(engine);
    db = await store.open({ seed: false });
    const account = async (name: string) =>
      (await db.query<{ id: number }>("INSERT INTO accounts (name, role, password_hash) VALUES ($1, 'editor', 'x') RETURNING id", [name])).rows[0].id;
    alice = await account("alice");
    bob = await account("bob");
  }, 300_000);
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  it("creates a dataset and reads it back by slug and by id", async () => {
    const d = await createDataset(db, { slug: "mine", name: "Mine", visibility: "private", ownerId: alice, licence: "CC0" });
    expect(d).toMatchObject({ slug: "mine", name: "Mine", description: "", licence: "CC0", source: "", visibility: "private", ownerId: alice });
    expect(typeof d.id).toBe("number");
    expect(d.createdAt).toBeInstanceOf(Date);
    expect(await getDatasetBySlug(db, "mine")).toEqual(d);
    expect(await getDatasetById(db, d.id)).toEqual(d);
    expect(await getDatasetBySlug(db, "nope")).toBeNull();
    await expect(createDataset(db, { slug: "mine", name: "Again", visibility: "public" })).rejects.toThrow(/duplicate key|unique/i);
    await expect(createDataset(db, { slug: "Bad Slug", name: "x", visibility: "public" })).rejects.toThrow(/slug/);
  });

  it("lists to each account the public datasets, its own and those shared with it", async () => {
    await createDataset(db, { slug: "open", name: "Open", visibility: "public" });
    const linked = await createDataset(db, { slug: "linked", name: "Linked", visibility: "link", ownerId: alice });
    const shared = await createDataset(db, { slug: "shared", name: "Shared", visibility: "private", ownerId: alice });
    await db.query("INSERT INTO dataset_shares (dataset_id, account_id) VALUES ($1, $2)", [shared.id, bob]);
    const slugs = async (who: number | null) => (await listVisibleDatasets(db, who)).map((d) => d.slug);
    expect(await slugs(null)).toEqual(["open"]);
    expect(await slugs(bob)).toEqual(["open", "shared"]);
    expect(await slugs(alice)).toEqual(["linked", "mine", "open", "shared"]);
    expect(linked.visibility).toBe("link");
  });

  it("changes metadata and the change time, and only what it is given", async () => {
    const before = (await getDatasetBySlug(db, "open"))!;
    const after = await updateDataset(db, before.id, { description: "now described", visibility: "link" });
    expect(after).toMatchObject({ name: "Open", description: "now described", visibility: "link" });
    expect(after!.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());
    expect(await updateDataset(db, 999_999, { name: "x" })).toBeNull();
    await expect(updateDataset(db, before.id, { visibility: "everyone" as never })).rejects.toThrow(/visibility/);
  });

  it("inserts more than a batch in the given order, appends after the last, and reads them back as they were", async () => {
    const d = await createDataset(db, { slug: "many", name: "Many", visibility: "public" });
    const n = BATCH_ROWS * 2 + 7;
    const features = Array.from({ length: n }, (_, i) => incident({ event_id: `M-${i}`, notes: `ünïcödé "${i}"\t\n` }, [36 + i / 1e5, 32.5]));
    expect(await saveIncidents(db, d.id, features)).toBe(n);
    expect(await saveIncidents(db, d.id, [incident({ event_id: "M-last" })])).toBe(1);
    const rows = await readIncidents(db, d.id);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: n + 1 }, (_, i) => i));
    expect(rows.slice(0, n).map((r) => r.feature)).toEqual(features.map((f) => storedText(f).text));
    expect(ids(rows.slice(n))).toEqual(["M-last"]);
  });

  it("stores each feature as it is served: outer rings counter-clockwise, six decimals", async () => {
    const d = await createDataset(db, { slug: "served", name: "Served", visibility: "public" });
    const clockwise = { type: "Polygon" as const, coordinates: [[[36, 32], [36, 33], [37.12345678, 33], [37.12345678, 32], [36, 32]]] };
    await saveIncidents(db, d.id, [incident({ event_id: "P" }, clockwise)]);
    const [row] = await readIncidents(db, d.id);
    expect(JSON.parse(row.feature).geometry).toEqual({ type: "Polygon", coordinates: [[[36, 32], [37.123457, 32], [37.123457, 33], [36, 33], [36, 32]]] });
    const { rows } = await db.query<{ bounds: string }>("SELECT bounds::text FROM incidents WHERE dataset_id = $1", [d.id]);
    expect(rows[0].bounds).toBe("(37.123457,33),(36,32)");
  });

  it("saves to one dataset at the same time take turns: every row kept, numbered without gaps", async () => {
    const d = await createDataset(db, { slug: "together", name: "Together", visibility: "public" });
    const batch = (k: number) => Array.from({ length: 1500 }, (_, i) => incident({ event_id: `T${k}-${i}` }));
    await Promise.all([saveIncidents(db, d.id, batch(1)), saveIncidents(db, d.id, batch(2)), saveIncidents(db, d.id, batch(3))]);
    const rows = await readIncidents(db, d.id);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 4500 }, (_, i) => i));
    // each save's rows stay together, in its order
    const got = ids(rows);
    for (let at = 0; at < 4500; at += 1500) expect(got.slice(at, at + 1500)).toEqual(got.slice(at, at + 1500).map((_, i) => `${got[at].split("-")[0]}-${i}`));
    await expect(saveIncidents(db, 999_999, batch(4))).rejects.toThrow("No dataset with id 999999");
  });

  it("a failed save leaves none of its rows, even those in batches that went in", async () => {
    const d = (await getDatasetBySlug(db, "many"))!;
    const before = await countIncidents(db, d.id);
    const features = Array.from({ length: BATCH_ROWS + 5 }, (_, i) => incident({ event_id: i === BATCH_ROWS + 2 ? "M-0" : `N-${i}` }));
    await expect(saveIncidents(db, d.id, features)).rejects.toThrow(/duplicate key|unique/i);
    expect(await countIncidents(db, d.id)).toBe(before);
  });

  it("replaces every incident of a dataset inside a transaction, numbering from 0", async () => {
    const d = await createDataset(db, { slug: "replaced", name: "Replaced", visibility: "public" });
    await saveIncidents(db, d.id, [incident({ event_id: "old-1" }), incident({ event_id: "old-2" })]);
    await db.transaction((tx) => replaceIncidents(tx, d.id, [incident({ event_id: "new-1" })]));
    const rows = await readIncidents(db, d.id);
    expect(rows.map((r) => r.seq)).toEqual([0]);
    expect(ids(rows)).toEqual(["new-1"]);
    await expect(db.transaction(async (tx) => {
      await replaceIncidents(tx, d.id, [incident({ event_id: "gone" })]);
      throw new Error("changed my mind");
    })).rejects.toThrow("changed my mind");
    expect(ids(await readIncidents(db, d.id))).toEqual(["new-1"]);
  });

  it("keeps a dataset's source files and deletes them, its incidents and shares with it", async () => {
    const d = await createDataset(db, { slug: "doomed", name: "Doomed", visibility: "private", ownerId: bob });
    await saveIncidents(db, d.id, [incident({ event_id: "X" })]);
    const bytes = new Uint8Array([0, 1, 2, 255]);
    const source = await addSource(db, d.id, { name: "raw.bin", mediaType: "application/octet-stream", content: bytes });
    expect(source.sha256).toBe("3d1f57c984978ef98a18378c8166c1cb8ede02c03eeb6aee7e2f121dfeee3e56"); // sha256sum of the four bytes
    expect([...(await listSources(db, d.id))[0].content]).toEqual([0, 1, 2, 255]);
    await db.query("INSERT INTO dataset_shares (dataset_id, account_id) VALUES ($1, $2)", [d.id, alice]);
    expect(await deleteDataset(db, d.id)).toBe(true);
    expect(await deleteDataset(db, d.id)).toBe(false);
    expect(await countIncidents(db, d.id)).toBe(0);
    expect(await listSources(db, d.id)).toEqual([]);
    expect((await db.query("SELECT 1 FROM dataset_shares WHERE dataset_id = $1", [d.id])).rows).toEqual([]);
  });

  describe("reading with filters in SQL", () => {
    let id: number;
    beforeAll(async () => {
      id = (await createDataset(db, { slug: "five", name: "Five", visibility: "public" })).id;
      await saveIncidents(db, id, FIVE);
    });
    const read = async (q: Parameters<typeof readIncidents>[2]) => ids(await readIncidents(db, id, q));

    it("no filter: all, in order", async () => expect(await read({})).toEqual(["A", "B", "C", "D", "E"]));
    it("bbox: geometries whose box meets it, edges included", async () => {
      expect(await read({ bbox: [36.0, 32.5, 36.2, 32.7] })).toEqual(["A", "C", "E"]);
      expect(await read({ bbox: [36.3, 32.8, 36.4, 32.9] })).toEqual(["B"]);
    });
    it("dates: ranges that overlap, undated only on request", async () => {
      expect(await read({ from: "2021-07-30", to: "2021-07-31" })).toEqual(["B", "E"]);
      expect(await read({ from: "2021-07-30", to: "2021-07-31", includeUndated: true })).toEqual(["B", "C", "E"]);
      expect(await read({ from: "2021-08-01" })).toEqual(["D"]);
      expect(await read({ to: "2021-07-25" })).toEqual(["B"]);
    });
    it("types: any of them", async () => {
      expect(await read({ types: ["Protests", "Explosions/Remote violence"] })).toEqual(["B", "D"]);
      expect(await read({ types: [] })).toEqual(["A", "B", "C", "D", "E"]);
    });
    it("all together", async () => {
      expect(await read({ bbox: [36.0, 32.5, 36.2, 32.7], from: "2021-07-29", to: "2021-07-31", types: ["Battles"] })).toEqual(["A", "E"]);
    });
  });
});
