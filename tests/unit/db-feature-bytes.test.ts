// A large answer's features streamed as bytes from the store (lib/db/feature-bytes.ts) on both engines: the
// same bytes as the stored text joined by commas, whatever the text holds and wherever a chunk cuts COPY's
// frames, stripped of those frames on the store's thread, and a reader that leaves mid-answer frees the store
// for the next.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, testStore, type TestStore } from "../support/db";
import { incident } from "../support/incidents";
import { expectedAnswer } from "../support/expected-answer";
import type { Engine } from "@/lib/db/engine";
import { createDataset } from "@/lib/db/datasets";
import { saveIncidents, storedText } from "@/lib/db/incidents";
import { featureBytes } from "@/lib/db/feature-bytes";
import { CopyFields } from "@/lib/db/copy-fields.mjs";
import { serveFrom } from "@/lib/server/dataset-source";
import { SMALL_ANSWER } from "@/lib/server/incident-query";
import { GET as getIncidents } from "@/app/api/incidents/route";
import type { IncidentFeature } from "@/lib/incident/model";

// Text a writer escapes (backslashes, quotes, newlines, tabs, a control character), Arabic and emoji
// (multi-byte UTF-8, surrogate pairs), on every geometry the store keeps.
const HOSTILE: IncidentFeature[] = [
  incident({ event_id: "back\\slash", notes: 'a "quoted" \\ back\\\\slash \\n not a newline' }),
  incident({ event_id: "lines", notes: "line one\nline two\r\n\ttabbed\u0001" }, { type: "LineString", coordinates: [[36.1, 32.6], [36.2, 32.65], [36.3, 32.6]] }),
  incident({ event_id: "عربي", location: "درعا البلد", notes: "قصف على «درعا» — ٣ قتلى" }, { type: "Polygon", coordinates: [[[36, 32.5], [36, 32.7], [36.2, 32.7], [36.2, 32.5], [36, 32.5]]] }),
  incident({ event_id: "emoji", notes: "🔥💥 family: 👨‍👩‍👧 flag: 🇸🇾", actor2: "𝔘𝔫𝔦𝔠𝔬𝔡𝔢" }, {
    type: "MultiPolygon",
    coordinates: [[[[35.9, 32.4], [36, 32.4], [36, 32.5], [35.9, 32.4]]], [[[36.4, 32.8], [36.5, 32.8], [36.5, 32.9], [36.4, 32.8]]]],
  }),
  incident({ event_id: "empty", notes: "", source_quote: "}],\"features\":[" }, [-0.000001, 89.999999]),
];

/** The hostile features, then plain ones numbered on, to `count`. */
const dataset = (count: number): IncidentFeature[] =>
  Array.from({ length: count }, (_, i) => (i < HOSTILE.length ? HOSTILE[i] : incident({ event_id: `plain-${i}`, notes: `n° ${i}` }, [35 + (i % 1000) / 1000, 32 + i / count])));

const joined = async (chunks: AsyncIterable<Uint8Array>) => {
  const all: Uint8Array[] = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
};

describe.each(ENGINES)("a large answer's features as bytes on %s", (engine) => {
  let store: TestStore;
  let db: Engine;
  const features = dataset(SMALL_ANSWER + 1);
  beforeAll(async () => {
    store = await testStore(engine);
    db = await store.open({ seed: false });
    const d = await createDataset(db, { slug: "hostile", name: "Hostile “text” \\ عربي", visibility: "public" });
    await saveIncidents(db, d.id, features);
    serveFrom(db);
  }, 300_000);
  afterAll(async () => {
    serveFrom(null);
    await db?.close();
    await store?.dispose();
  });

  const datasetId = async () => (await db.query<{ id: number }>("SELECT id FROM datasets WHERE slug = 'hostile'")).rows[0].id;

  it("are the stored text joined by commas, byte for byte, however the chunks cut COPY's frames", async () => {
    const id = await datasetId();
    const seqs = [0, 1, 2, 3, 4, 7, 4999, 5000];
    const expected = Buffer.from(seqs.map((s) => storedText(features[s]).text).join(","));
    expect((await joined(featureBytes(db, id, seqs))).equals(expected)).toBe(true);
    // The store's own output cut at every byte, and in chunks of 7: the frames' parts wait for the rest.
    const copy = await joined(db.copyOut(`SELECT feature FROM incidents WHERE dataset_id = ${id} AND seq < 5 ORDER BY seq`));
    const five = Buffer.from(HOSTILE.map((f) => storedText(f).text).join(","));
    for (const size of [1, 7, copy.length]) {
      const fields = new CopyFields();
      const parts: Uint8Array[] = [];
      for (let at = 0; at < copy.length; at += size) parts.push(fields.push(copy.subarray(at, at + size)));
      fields.end();
      expect(fields.rows).toBe(5);
      expect(Buffer.concat(parts).equals(five), `chunks of ${size}`).toBe(true);
    }
    const cut = new CopyFields();
    cut.push(copy.subarray(0, copy.length - 1));
    expect(() => cut.end()).toThrow(/cut short after 5 rows/);
  });

  it("reach the server's thread as the features' bytes only: the store's thread strips COPY's framing", async () => {
    const id = await datasetId();
    const five = HOSTILE.map((f) => storedText(f).text).join(",");
    const fields = await db.copyFields(`SELECT feature FROM incidents WHERE dataset_id = ${id} AND seq < 5 ORDER BY seq`, true);
    expect(fields.rows).toBe(5);
    expect(Buffer.from(fields.bytes).equals(Buffer.from("," + five))).toBe(true);
    // No page's COPY output, framing and all, comes to this thread.
    const framed = { ...db, copyOut: () => { throw new Error("a page's framed COPY output came to the server's thread"); } };
    const expected = Buffer.from(features.slice(0, 7).map((f) => storedText(f).text).join(","));
    expect((await joined(featureBytes(framed, id, [0, 1, 2, 3, 4, 5, 6]))).equals(expected)).toBe(true);
  });

  it("make the whole answer the export makes, byte for byte", async () => {
    const res = await getIncidents(new Request("http://x/api/incidents?dataset=hostile"));
    const body = Buffer.from(await res.arrayBuffer());
    const expected = Buffer.from(expectedAnswer(features, "Hostile “text” \\ عربي", ""));
    expect(res.status).toBe(200);
    expect(body.equals(expected)).toBe(true);
    expect(Number(res.headers.get("content-length"))).toBe(expected.length);
  });

  it("a reader that leaves mid-answer ends its read: more leavers than connections, and the store still answers", async () => {
    const first = Buffer.from(expectedAnswer(features, "Hostile “text” \\ عربي", "")).subarray(0, 100);
    // PostgreSQL's pool holds 10 connections: a read that kept its COPY would leave none after 11. A page
    // of PGlite's comes whole, so two leavers show its store answering on.
    for (let i = 0; i < (engine === "postgres" ? 11 : 2); i++) {
      const res = await getIncidents(new Request("http://x/api/incidents?dataset=hostile"));
      const reader = res.body!.getReader();
      const chunk = await reader.read();
      expect(Buffer.from(chunk.value!).subarray(0, 100).equals(first)).toBe(true);
      await reader.cancel();
    }
    const again = await getIncidents(new Request("http://x/api/incidents?dataset=hostile"));
    expect((await again.arrayBuffer()).byteLength).toBe(Number(again.headers.get("content-length")));
    if (engine === "postgres") {
      // The left COPYs' connections were closed, not returned mid-answer: none is still sending.
      const copying = async () => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY%' AND state = 'active'")).rows[0].n;
      await expect.poll(copying, { timeout: 10_000 }).toBe(0);
    }
  });
});
