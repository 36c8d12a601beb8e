// `npm run bench -- rss`: the embedded store's server memory (issue 25's goals): the RSS of `npm start`'s
// process tree with the Daraa dataset only, once the page and its data were served, and with a 1,000,000-
// incident public dataset stored, once its whole columns and a map view were read. Beside each, the same
// server's RSS just after it started. Needs `next build` and its postbuild (the seeded store) first.
import { cities500Path } from "../lib/build/cities500";
import { parseGeonamesTowns, synthesizeIncidents } from "../lib/build/synth";
import { createDataset } from "../lib/db/datasets";
import { saveIncidents } from "../lib/db/incidents";
import { openDb } from "../lib/db/open";
import type { IncidentFeature } from "../lib/incident/model";
import { COLUMNS_URL } from "../lib/url/dataset-params";
import { startServer, type Server } from "../tests/browser/server";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { treeMemory, watchMemory } from "./process-memory";
import type { BenchRow } from "./types";

const BENCH = "rss";
// @option MILLION: number = 1_000_000, incidents in the large dataset
const MILLION = 1_000_000;
// @option SETTLE_MS: number = 3000, how long memory is sampled after the last answer
const SETTLE_MS = 3000;

// @option RSS_MILLION: "0" skips the 1M step (about 1.5 minutes on an idle machine: the save, then the reads)
const WITH_MILLION = process.env.RSS_MILLION !== "0";

const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));

/** GETs `url` and drains the answer, however long the server takes (fetch gives up on headers after 300 s). */
function drain(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.on("error", reject);
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

/** GETs each path in turn, reading the whole answer; throws on a status other than 200. */
async function read(server: Server, paths: string[]): Promise<void> {
  for (const path of paths) {
    const status = await drain(server.baseURL + path);
    if (status !== 200) throw new Error(`GET ${path}: HTTP ${status}`);
  }
}

/** The server's RSS at start, then its peak while `paths` are read and for SETTLE_MS after, in MiB. */
async function measure(server: Server, paths: string[]): Promise<{ start: number; peak: number; after: number }> {
  const start = treeMemory(server.pid).rss;
  const reading = read(server, paths).then(settle);
  const peak = await watchMemory(server.pid, reading);
  await reading;
  return { start, peak: peak.rss, after: treeMemory(server.pid).rss };
}

/** One row: the server's peak RSS while `paths` are read, beside its RSS at start; the server is stopped after. */
async function rssRow(server: Server, metric: string, paths: string[], goalMiB: number): Promise<BenchRow> {
  try {
    const m = await measure(server, paths);
    return {
      bench: BENCH, metric, value: m.peak, unit: "MiB", anchor: { name: "the same server just started", value: m.start }, ratio: m.peak / m.start,
      goal: `≤ ${goalMiB}`, met: m.peak <= goalMiB, note: `${m.after.toFixed(0)} MiB ${SETTLE_MS / 1000} s after the last answer`,
    };
  } finally {
    await server.stop();
  }
}

export default async function rssBench(): Promise<BenchRow[]> {
  if (process.env.DATABASE_URL) throw new Error("rss bench: measures the embedded store; unset DATABASE_URL");
  const rows: BenchRow[] = [];
  // The page's first visit: the HTML and the default dataset's columns (what app/page.tsx preloads).
  rows.push(await rssRow(await startServer(), "embedded server RSS, Daraa dataset only, after the page and its data", ["/", COLUMNS_URL, "/api/incidents"], 400));

  if (!WITH_MILLION) return rows;
  // The same store with 1M incidents more, saved through lib/db as a server would save them.
  const t0 = performance.now();
  const towns = parseGeonamesTowns(readFileSync(cities500Path(), "utf8"));
  const features = synthesizeIncidents({ count: MILLION, seed: 7, towns }).features as IncidentFeature[];
  const db = await openDb();
  try {
    const d = await createDataset(db, { slug: "rss-1m", name: "1M synthetic", visibility: "public" });
    await saveIncidents(db, d.id, features);
  } finally {
    await db.close();
  }
  process.stderr.write(`  rss: 1M incidents made and saved in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);

  const million = ["/", `${COLUMNS_URL}?dataset=rss-1m`, "/api/incidents?dataset=rss-1m&bbox=36,32.5,36.5,33&from=2021-01-01&to=2021-01-14"];
  rows.push(await rssRow(await startServer({}, undefined, 180_000), "embedded server RSS, with a 1M-incident dataset read whole and by view", million, 800));
  return rows;
}
