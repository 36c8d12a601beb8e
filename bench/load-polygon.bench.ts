// A public dataset holding one polygon of 1,000,000 vertices, read 6× in parallel through GET
// /api/incidents (issue 24, row 1c), on both engines: with its anchor and box kept by an earlier read
// (lib/db/incident-shapes.ts), against the same reads with them forgotten before each round, which parse the
// polygon every time as every read used to.
import { testStore, type EngineName } from "../tests/support/db";
import { postgresAvailable } from "../tests/support/postgres";
import { incident } from "../tests/support/incidents";
import { createDataset } from "../lib/db/datasets";
import { saveIncidents } from "../lib/db/incidents";
import { serveFrom } from "../lib/server/dataset-source";
import { GET } from "../app/api/incidents/route";
import type { IncidentFeature } from "../lib/incident/model";
import { median, type BenchRow } from "./types";

// @option VERTICES: number = 1_000_000
const VERTICES = 1_000_000;
// @option PARALLEL: number = 6
const PARALLEL = 6;
// Rounds of both reads (was 3, then 2: fewer, so `npm run bench` fits in 10 minutes; one round already shows the kept shape's gain).
const ROUNDS = 1;

function ring(): IncidentFeature {
  const coordinates = Array.from({ length: VERTICES }, (_, i) => {
    const a = (2 * Math.PI * i) / VERTICES;
    return [Math.round((36.3 + 0.4 * Math.cos(a)) * 1e6) / 1e6, Math.round((32.9 + 0.3 * Math.sin(a)) * 1e6) / 1e6];
  });
  return incident({ event_id: "AREA-1", geo_precision: 2 }, { type: "Polygon", coordinates: [[...coordinates, coordinates[0]]] });
}

async function engineRun(engine: EngineName, area: IncidentFeature): Promise<BenchRow[]> {
  const store = await testStore(engine);
  const db = await store.open({ seed: false });
  try {
    const d = await createDataset(db, { slug: "one-million", name: "One million vertices", visibility: "public" });
    await saveIncidents(db, d.id, [area]);
    serveFrom(db);
    const read = async () => (await (await GET(new Request(`http://x/api/incidents?dataset=${d.slug}`))).arrayBuffer()).byteLength;
    const round = async () => {
      const t0 = performance.now();
      await Promise.all(Array.from({ length: PARALLEL }, read));
      return performance.now() - t0;
    };
    const bytes = await read();
    const kept: number[] = [];
    const parsed: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      kept.push(await round());
      await db.query("DELETE FROM incident_shapes WHERE dataset_id = $1", [d.id]);
      parsed.push(await round());
      // The shape kept again for the next round's kept reads; none after the last.
      if (i < ROUNDS - 1) await read();
    }
    const k = median(kept);
    const p = median(parsed);
    return [
      {
        bench: `load-polygon (${engine})`,
        metric: `${PARALLEL} parallel reads of one ${VERTICES.toLocaleString("en")}-vertex polygon`,
        value: k,
        unit: "ms",
        anchor: { name: "the same reads parsing it (its shape forgotten, as every read did before)", value: p },
        ratio: p / k,
        note: `${ROUNDS === 1 ? "one round" : `median of ${ROUNDS} rounds`}, in-process (the route's Response read whole); ${(bytes / 2 ** 20).toFixed(1)} MiB answer`,
      },
    ];
  } finally {
    serveFrom(null);
    await db.close();
    await store.dispose();
  }
}

export default async function bench(): Promise<BenchRow[]> {
  const area = ring();
  const rows = await engineRun("embedded", area);
  if (postgresAvailable()) rows.push(...(await engineRun("postgres", area)));
  return rows;
}
