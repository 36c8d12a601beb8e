// A child process for tests/unit/db-crash.test.ts: opens the store given in argv (a postgres:// URL or an
// embedded data folder), saves COUNT synthetic incidents into a new dataset in one transaction through
// lib/db, and says how far it is on stdout ("batch N" per statement sent, "committed N" once the commit is
// acknowledged), then waits to be killed, the store left open. Run with tsx --conditions=react-server.
import { openDb } from "../../lib/db/open";
import { createDataset } from "../../lib/db/datasets";
import { insertIncidents } from "../../lib/db/incidents";
import { synthesizeIncidents, type Town } from "../../lib/build/synth";
import type { IncidentFeature } from "../../lib/incident/model";
import type { Queryable } from "../../lib/db/types";

const [where, slug, countText] = process.argv.slice(2);
const TOWNS: Town[] = [
  { name: "Dar'a", lng: 36.10628, lat: 32.61889, population: 97969, admin1: "Daraa" },
  { name: "Homs", lng: 36.72339, lat: 34.72682, population: 775404, admin1: "Homs" },
];

async function main(): Promise<void> {
  const features = synthesizeIncidents({ count: Number(countText), seed: 5, towns: TOWNS }).features as IncidentFeature[];
  const db = await openDb(where.startsWith("postgres") ? { url: where, migrate: false, seed: false } : { url: undefined, dataDir: where, migrate: false, seed: false });
  let batches = 0;
  const n = await db.transaction(async (tx) => {
    const d = await createDataset(tx, { slug, name: slug, visibility: "public" });
    const counting: Queryable = {
      query: async (text, params) => {
        const r = await tx.query(text, params);
        process.stdout.write(`batch ${++batches}\n`);
        return r as never;
      },
      copyIn: async (table, columns, rows) => {
        const n = await tx.copyIn(table, columns, rows);
        process.stdout.write(`batch ${++batches}\n`);
        return n;
      },
    };
    return insertIncidents(counting, d.id, features);
  });
  process.stdout.write(`committed ${n}\n`);
  // Held open, never closed: the test kills this process as it stands.
  setInterval(() => {}, 1 << 30);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
