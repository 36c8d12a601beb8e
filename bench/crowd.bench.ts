// The page under a crowd (issue 17): `GET /` at 100 connections for 10 s against the production build,
// beside a static file served by the same server in the same run (the page's own stylesheet, from
// .next/static), and how long an API request takes while the crowd is on. Needs `next build` first;
// builds one itself when .next is missing.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { startServer } from "../tests/browser/server";
import { median, type BenchRow } from "./types";

// @option CONNECTIONS: number = 100
// The crowd the issue measured the page with.
const CONNECTIONS = 100;
// @option DURATION_S: number = 5
// Each crowd's length (was 10 s: at thousands of requests a second, 5 s still holds
// tens of thousands; fewer seconds, so `npm run bench` fits in 10 minutes).
const DURATION_S = 5;
// One map view of the API, as the page's data requests are: what a crowd on the page must not slow down.
const API_PATH = "/api/incidents?bbox=35.9,32.5,36.3,32.8";

// autocannon ships no types; the part of its programmatic API used here.
interface Histogram { average: number; p50: number; p99: number; max: number }
interface Result { requests: Histogram & { total: number }; latency: Histogram; errors: number; timeouts: number; non2xx: number }
const autocannon = createRequire(__filename)("autocannon") as (opts: { url: string; connections: number; duration: number; timeout?: number; headers?: Record<string, string> }) => Promise<Result>;

const crowd = (url: string, headers: Record<string, string> = {}) => autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, timeout: 10, headers });

/** Sequential requests of `url` until `until` settles: each one's time in ms. */
async function probe(url: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void Promise.resolve(until).finally(() => (done = true));
  const times: number[] = [];
  while (!done) {
    const t0 = performance.now();
    await (await fetch(url)).arrayBuffer();
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 100));
  }
  return times;
}

export default async function bench(): Promise<BenchRow[]> {
  if (!existsSync(".next/BUILD_ID")) execFileSync("npx", ["next", "build"], { stdio: "inherit" });
  const server = await startServer();
  try {
    const html = await (await fetch(server.baseURL + "/")).text();
    const css = /href="(\/_next\/static\/[^"]+\.css)"/.exec(html)?.[1];
    if (!css) throw new Error("crowd bench: the page links no stylesheet to compare with");
    const cssBytes = (await (await fetch(server.baseURL + css)).arrayBuffer()).byteLength;
    // Warm-up: caches, JIT, the dataset loaded.
    await autocannon({ url: server.baseURL + "/", connections: 10, duration: 2 });
    await (await fetch(server.baseURL + API_PATH)).arrayBuffer();
    const quiet = await probe(server.baseURL + API_PATH, new Promise((r) => setTimeout(r, 2000)));

    const pageRun = crowd(server.baseURL + "/");
    const [page, during] = await Promise.all([pageRun, probe(server.baseURL + API_PATH, pageRun)]);
    const file = await crowd(server.baseURL + css);
    // As browsers ask: gzip, made per response since each one's nonce differs (Next gzips the file too).
    const gz = { "accept-encoding": "gzip" };
    const pageGz = await crowd(server.baseURL + "/", gz);
    const fileGz = await crowd(server.baseURL + css, gz);
    const ok = (r: Result) => `${r.requests.total} requests, ${r.non2xx} not 2xx, ${r.errors} errors`;
    const before = 90;
    return [
      {
        bench: "crowd",
        metric: `GET / requests/s at ${CONNECTIONS} connections`,
        value: page.requests.average,
        unit: "req/s",
        anchor: { name: `static file (${css.split("/").pop()}, ${Math.round(cssBytes / 1024)} kB), same server`, value: file.requests.average },
        ratio: page.requests.average / file.requests.average,
        goal: `≥ ${before * 10} (10× the ${before} req/s of a render per request)`,
        met: page.requests.average >= before * 10,
        note: `${DURATION_S} s each, autocannon in the bench process; page: ${ok(page)}; file: ${ok(file)}; page HTML ${Math.round(html.length / 1024)} kB, a fresh CSP nonce per response`,
      },
      {
        bench: "crowd",
        metric: `GET / p99 latency at ${CONNECTIONS} connections`,
        value: page.latency.p99,
        unit: "ms",
        anchor: { name: "static file, same server", value: file.latency.p99 },
        ratio: file.latency.p99 / page.latency.p99,
        note: `p50 ${page.latency.p50} ms (static file ${file.latency.p50} ms); before: p50 971 ms, p99 1.6 s`,
      },
      {
        bench: "crowd",
        metric: `GET / requests/s at ${CONNECTIONS} connections, Accept-Encoding: gzip`,
        value: pageGz.requests.average,
        unit: "req/s",
        anchor: { name: "static file, gzip, same server", value: fileGz.requests.average },
        ratio: pageGz.requests.average / fileGz.requests.average,
        note: `p99 ${pageGz.latency.p99} ms (static file ${fileGz.latency.p99} ms); page: ${ok(pageGz)}; file: ${ok(fileGz)}`,
      },
      {
        bench: "crowd",
        metric: "GET /api/incidents (one map view) while / has the crowd, median",
        value: median(during),
        unit: "ms",
        anchor: { name: "the same request with no crowd", value: median(quiet) },
        ratio: median(quiet) / median(during),
        note: `${during.length} requests, one every 100 ms, max ${Math.round(Math.max(...during))} ms; before: 620–900 ms under the crowd`,
      },
    ];
  } finally {
    await server.stop();
  }
}
