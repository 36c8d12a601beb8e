// A dataset holding one large polygon reads without parsing it again (issue 24, row 1c): the first read
// works out its marker's anchor and box and the store keeps them (lib/db/incident-shapes.ts), later reads
// splice the stored text. Every answer stays the export's of the incidents shown, byte for byte, also once the polygon
// is replaced by another at the same place in the dataset.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ENGINES, testStore, type TestStore } from "../support/db";
import { incident } from "../support/incidents";
import type { Engine } from "@/lib/db/engine";
import { createDataset } from "@/lib/db/datasets";
import { replaceIncidents, saveIncidents } from "@/lib/db/incidents";
import { GET as getIncidents } from "@/app/api/incidents/route";
import { serveFrom } from "@/lib/server/dataset-source";
import { expectedAnswer } from "../support/expected-answer";
import type { IncidentFeature } from "@/lib/incident/model";

// @option VERTICES: number = 40_000, enough that its text (~1 MB) cannot be mistaken for anything else parsed
const VERTICES = 40_000;
const LONG = 200_000;

/** A ring of VERTICES around (x, y), a `r`° radius, as an area incident. */
function area(id: string, x: number, y: number, r: number): IncidentFeature {
  const ring = Array.from({ length: VERTICES }, (_, i) => {
    const a = (2 * Math.PI * i) / VERTICES;
    return [Math.round((x + r * Math.cos(a)) * 1e6) / 1e6, Math.round((y + r * Math.sin(a)) * 1e6) / 1e6];
  });
  return incident({ event_id: id, geo_precision: 2 }, { type: "Polygon", coordinates: [[...ring, ring[0]]] });
}

const features = (polygon: IncidentFeature): IncidentFeature[] => [
  incident({ event_id: "P-1" }),
  polygon,
  incident({ event_id: "R-1" }, { type: "LineString", coordinates: [[36.0, 32.5], [36.05, 32.55], [36.1, 32.5]] }),
  incident({ event_id: "P-2" }, [36.2, 32.7]),
];

/** The reads' answer and how many long texts were parsed while it was made. */
async function read(slug: string, query: string): Promise<{ body: string; longParses: number }> {
  const parse = vi.spyOn(JSON, "parse");
  try {
    const res = await getIncidents(new Request(`http://x/api/incidents?dataset=${slug}${query}`));
    expect(res.status).toBe(200);
    const body = await res.text();
    return { body, longParses: parse.mock.calls.filter(([text]) => typeof text === "string" && text.length > LONG).length };
  } finally {
    parse.mockRestore();
  }
}

describe.each(ENGINES)("a large polygon read again on %s", (engine) => {
  let store: TestStore;
  let db: Engine;
  beforeAll(async () => {
    store = await testStore(engine);
    db = await store.open({ seed: false });
    serveFrom(db);
  }, 180_000);
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    serveFrom(null);
    await db?.close();
    await store?.dispose();
  });

  it("is parsed by its first read only, and every read is the export's answer", async () => {
    const d = await createDataset(db, { slug: "one-area", name: "One area", visibility: "public" });
    const first = features(area("A-1", 36.3, 32.9, 0.2));
    await saveIncidents(db, d.id, first);
    // The anchor (a point inside the ring) is in the first box, the ring's edge only in the second.
    const queries = ["", "&bbox=36.1,32.7,36.5,33.1", "&bbox=36.45,32.85,36.55,32.95", "&from=2021-08-01&to=2021-08-01"];
    const cold = await read(d.slug, "");
    expect(cold.longParses).toBe(1);
    for (const q of queries) {
      const warm = await read(d.slug, q);
      expect(warm.longParses, q).toBe(0);
      expect(warm.body === expectedAnswer(first, d.name, q.slice(1)), q).toBe(true);
    }

    // Another ring at the same seq: the kept shape goes with the old one, the answers follow the new.
    const second = features(area("A-1", 36.6, 32.4, 0.1));
    await db.transaction((tx) => replaceIncidents(tx, d.id, second));
    expect((await read(d.slug, "")).longParses).toBe(1);
    for (const q of queries) {
      const warm = await read(d.slug, q);
      expect(warm.longParses, q).toBe(0);
      expect(warm.body === expectedAnswer(second, d.name, q.slice(1)), q).toBe(true);
    }
  }, 120_000);
});
