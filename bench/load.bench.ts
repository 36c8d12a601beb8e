// The server under load (issue 24's goal), on both engines, against the production build: a public
// dataset of 100,000 incidents read in full by 8 clients in a loop while an editor saves another 100,000,
// and meanwhile `GET /` and `GET /api/geocode?q=…` every ~100 ms, their p50/p99 beside the same figures with
// nothing else running, whether every read and the save completed, and the server's peak RSS. One store in
// a temporary DATA_DIR, then one in a temporary PostgreSQL cluster (tests/support/postgres.ts). Needs
// `next build` first; builds one itself when .next is missing.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { startServer, type Server } from "../tests/browser/server";
import { testDatabase, postgresAvailable } from "../tests/support/postgres";
import { embeddedTemplate } from "../tests/support/db";
import { cities500Path } from "../lib/build/cities500";
import { parseGeonamesTowns, synthesizeIncidents } from "../lib/build/synth";
import { watchMemory } from "./process-memory";
import type { BenchRow } from "./types";

// @option COUNT: number = 100_000, incidents in the read dataset and in the save
const COUNT = 100_000;
// @option READERS: number = 8
const READERS = 8;
// @option PROBE_MS: number = 50, the pause between samples of `/` and the geocoder (was 100: a load of 10–20 s gave
// 84–200 samples, and below 100 samples the p99 is the single worst one)
const PROBE_MS = 50;
// @option IDLE_S: number = 5, how long the idle figures are sampled (was 10: ~40 samples each are enough for a p99 that is under 100 ms)
const IDLE_S = 5;
// @option MIN_ROUNDS: number = 2, full reads each reader completes, however soon the save ends
const MIN_ROUNDS = 2;
// @option LOAD_ENGINES: string = "embedded,postgres", the engines run (env), e.g. LOAD_ENGINES=postgres
const ENGINES = (process.env.LOAD_ENGINES || "embedded,postgres").split(",");
// @option LOAD_NODE_OPTIONS: string = "", NODE_OPTIONS for the server (env), e.g. "--require ./profile.cjs" (a file that
// starts node:inspector's Profiler) to profile it under load: Node refuses --cpu-prof in NODE_OPTIONS
const SERVER_NODE_OPTIONS: Record<string, string> = process.env.LOAD_NODE_OPTIONS ? { NODE_OPTIONS: process.env.LOAD_NODE_OPTIONS } : {};
const GEOCODE = "/api/geocode?q=Homs";
const PASSWORD = "a bench password, long enough";

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

interface Samples {
  page: number[];
  geocode: number[];
  failed: number;
}

// The sampler runs on a thread of its own: on this process's main thread, the readers' 56 MiB answers and the
// save's body delayed its own event loop (p99 79–85 ms, max 149–189 ms under load), and that delay was counted
// in every sample as the server's. Plain JavaScript, evaluated as it is (no tsx in a worker's eval).
const PROBE_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { monitorEventLoopDelay } = require("node:perf_hooks");
const { base, paths, pauseMs } = workerData;
let done = false;
parentPort.once("message", () => (done = true));
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const s = { page: [], geocode: [], failed: 0 };
const time = async (path, into) => {
  const t0 = performance.now();
  try {
    const res = await fetch(base + path);
    await res.arrayBuffer();
    if (!res.ok) s.failed++;
  } catch {
    s.failed++;
  }
  into.push(performance.now() - t0);
};
(async () => {
  while (!done) {
    const t0 = performance.now();
    await Promise.all([time(paths[0], s.page), time(paths[1], s.geocode)]);
    await new Promise((r) => setTimeout(r, Math.max(0, pauseMs - (performance.now() - t0))));
  }
  delay.disable();
  parentPort.postMessage({ ...s, delayP99: delay.percentile(99) / 1e6, delayMax: delay.max / 1e6 });
})();
`;

interface Samples {
  page: number[];
  geocode: number[];
  failed: number;
  /** The sampler's own event-loop delay (ms): part of every sample, not the server's. */
  delayP99: number;
  delayMax: number;
}

/** `GET /` and the geocoder side by side every PROBE_MS until `until` settles, from a thread of its own; each one's time in ms. */
async function probe(base: string, until: Promise<unknown>): Promise<Samples> {
  const worker = new Worker(PROBE_SOURCE, { eval: true, workerData: { base, paths: ["/", GEOCODE], pauseMs: PROBE_MS } });
  const samples = new Promise<Samples>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  void until.finally(() => worker.postMessage("stop"));
  try {
    return await samples;
  } finally {
    await worker.terminate();
  }
}

/**
 * GETs `url` on a connection of its own and counts the answer's bytes as they come; resolves with the status.
 * A pooled, kept-alive connection can be closed by the server just as a request goes out on it ("other side
 * closed" before any answer, which a browser retries): a reader's failure here is the server's, not the pool's.
 */
function readAll(url: string, onBytes: (n: number) => void, onStatus: (status: number) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      onStatus(res.statusCode ?? 0);
      res.on("data", (d: Buffer) => onBytes(d.length));
      res.on("error", reject);
      res.on("aborted", () => reject(new Error("the answer was cut short (aborted)")));
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

class Client {
  cookie = "";
  constructor(readonly base: string) {}
  // node:http with the body as one Buffer of known length.
  send(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const bytes = body === undefined ? null : Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
    const headers = { "content-type": "application/json", origin: this.base, ...(this.cookie ? { cookie: this.cookie } : {}), ...(bytes ? { "content-length": String(bytes.length) } : {}), ...(bytes && bytes.length > 2 ** 20 ? { expect: "100-continue" } : {}) };
    return new Promise((resolve, reject) => {
      // A connection of its own: a kept-alive one the server closes as idle while a 56 MiB body is being
      // made is a hang-up, not an answer.
      const req = request(this.base + path, { method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => chunks.push(d));
        res.on("error", reject);
        res.on("end", () => {
          const cookie = res.headers["set-cookie"]?.[0];
          if (cookie) this.cookie = cookie.split(";")[0];
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
        });
      });
      req.on("error", reject);
      // Sent once the server asks for it (100-continue): a refusal at its door is then read, not a broken pipe.
      if (bytes && bytes.length > 2 ** 20) req.on("continue", () => req.end(bytes));
      else req.end(bytes ?? undefined);
    });
  }
  async must(method: string, path: string, body: unknown, status: number): Promise<Record<string, unknown>> {
    const r = await this.send(method, path, body);
    if (r.status !== status) throw new Error(`load bench: ${method} ${path} answered ${r.status}: ${JSON.stringify(r.json).slice(0, 300)}`);
    return r.json;
  }
}

/** The first admin from the setup key the server printed, and an editor signed in. */
async function editorOf(server: Server): Promise<Client> {
  let key: string | undefined;
  for (let i = 0; i < 600 && !key; i++) {
    key = /"token":"([^"]+)"/.exec(server.log())?.[1];
    if (!key) await new Promise((r) => setTimeout(r, 100));
  }
  if (!key) throw new Error(`load bench: the server printed no setup key\n${server.log()}`);
  const admin = new Client(server.baseURL);
  await admin.must("POST", "/api/setup", { token: key, name: "bench-admin", password: PASSWORD }, 201);
  await admin.must("POST", "/api/session", { name: "bench-admin", password: PASSWORD }, 200);
  await admin.must("POST", "/api/users", { name: "bench-editor", role: "editor", password: PASSWORD }, 201);
  const editor = new Client(server.baseURL);
  await editor.must("POST", "/api/session", { name: "bench-editor", password: PASSWORD }, 200);
  return editor;
}

/** `fn`, its failure named by `what`, with the cause fetch hides and the server's last words. */
async function step<T>(what: string, server: Server, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const e = err as Error & { cause?: unknown };
    throw new Error(`load bench, ${what}: ${e.message}${e.cause ? ` (${String(e.cause)})` : ""}\n${server.log().slice(-1500)}`);
  }
}

const saveBody = (name: string, visibility: string, collection: unknown) => JSON.stringify({ name, visibility, licence: "synthetic", collection });

async function engineRun(engine: "embedded" | "postgres", collections: { read: unknown; save: unknown }): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "incident-map-load-"));
  const pg = engine === "postgres" ? await testDatabase() : null;
  const env = pg ? { DATABASE_URL: pg.url, DATA_DIR: join(dir, "db") } : { DATABASE_URL: "", DATA_DIR: join(dir, "db") };
  let server: Server | undefined;
  try {
    // A made PGlite with PostGIS (as the tests copy one): creating one took minutes on the loaded machine.
    if (!pg) cpSync(await embeddedTemplate(), env.DATA_DIR, { recursive: true });
    server = await startServer({ ...env, ...SERVER_NODE_OPTIONS }, "/api/health", 600_000);
    const base = server.baseURL;
    const up = server;
    const editor = await step("the accounts", up, () => editorOf(up));
    // The read dataset, saved through the same route as the timed save.
    const t0 = performance.now();
    const big = await step("the first save", up, () => editor.must("POST", "/api/datasets", saveBody("Load bench (read)", "public", collections.read), 201));
    const firstSave = performance.now() - t0;
    const slug = (big.dataset as { slug: string }).slug;
    // Warm-up: the page, the geocoder's gazetteer, one full read.
    // Once more when it fails: the first fetch may go out on the kept-alive connection the start-up's polling
    // left, just as the server closes it as idle (the accounts and the first save took longer than its timeout).
    const warmUp = async () => {
      const full = await fetch(`${base}/api/incidents?dataset=${slug}`);
      const bytes = (await full.arrayBuffer()).byteLength;
      if (!full.ok) throw new Error(`the full read answered ${full.status}`);
      await (await fetch(base + "/")).arrayBuffer();
      await (await fetch(base + GEOCODE)).arrayBuffer();
      return bytes;
    };
    const fullBytes = await step("the warm-up", up, () => warmUp().catch(warmUp));
    const pid = server.pid;

    const idleRun = new Promise((r) => setTimeout(r, IDLE_S * 1000));
    const [idle, idleMemory] = await Promise.all([probe(base, idleRun), watchMemory(pid, idleRun)]);

    // The load: readers in a loop until the save is in and each has read MIN_ROUNDS times.
    let saved = false;
    const reads = { ok: 0, failed: 0, short: 0, ms: [] as number[], why: undefined as string | undefined, log: undefined as string | undefined };
    const reader = async (i: number) => {
      for (let round = 0; !saved || round < MIN_ROUNDS; round++) {
        const t = performance.now();
        let status: number | undefined;
        let bytes = 0;
        try {
          // The warm-up's URL: a filter would add a "filters" member and change the length.
          status = await readAll(`${base}/api/incidents?dataset=${slug}`, (got) => (bytes += got), (code) => (status = code));
          if (status !== 200) reads.failed++;
          else if (bytes !== fullBytes) reads.short++;
          else reads.ok++;
          if (status !== 200) reads.why ??= `reader ${i}: ${status}`;
        } catch (err) {
          reads.failed++;
          const where = status === undefined ? "before the answer's headers" : `answered ${status}, after ${bytes} of ${fullBytes} bytes`;
          reads.why ??= `reader ${i}, round ${round}, ${where}, ${(performance.now() - t).toFixed(0)} ms in: ${(err as Error).message} ${String((err as { cause?: unknown }).cause ?? "")}`;
          reads.log ??= up.log().slice(-1500);
        }
        reads.ms.push(performance.now() - t);
      }
    };
    const saveStart = performance.now();
    const save = editor
      .send("POST", "/api/datasets", saveBody("Load bench (save)", "private", collections.save))
      .then((r) => ({ status: r.status, ms: performance.now() - saveStart }))
      .catch((err: Error) => ({ status: 0, ms: performance.now() - saveStart, error: err.message }))
      .finally(() => (saved = true));
    const readers = Promise.all(Array.from({ length: READERS }, (_, i) => reader(i)));
    const load = Promise.all([save, readers]);
    // This process's main thread (the readers' bytes, the save's body) on the same cores as the server.
    const clientDelay = monitorEventLoopDelay({ resolution: 10 });
    clientDelay.enable();
    const [busy, busyMemory] = await Promise.all([probe(base, load), watchMemory(pid, load)]);
    clientDelay.disable();
    const clientNote = `event-loop delay p99/max: the sampler's ${busy.delayP99.toFixed(0)}/${busy.delayMax.toFixed(0)} ms, the readers' and the save's ${(clientDelay.percentile(99) / 1e6).toFixed(0)}/${(clientDelay.max / 1e6).toFixed(0)} ms`;
    const saveResult = await save;
    if (reads.log) console.error(`load (${engine}): the server's log at the first failed read:\n${reads.log}`);
    const loadMs = performance.now() - saveStart;

    const bench = `load (${engine})`;
    const loadNote = `${READERS} readers of ${COUNT.toLocaleString("en")} incidents (${(fullBytes / 2 ** 20).toFixed(0)} MiB each) in a loop + a save of ${COUNT.toLocaleString("en")}`;
    const rows: BenchRow[] = [];
    for (const [what, key, goal] of [["GET /", "page", 200], ["GET /api/geocode", "geocode", 300]] as const) {
      for (const p of [50, 99]) {
        rows.push({
          bench,
          metric: `${what} p${p} under load`,
          value: percentile(busy[key], p),
          unit: "ms",
          anchor: { name: "idle, same server", value: percentile(idle[key], p) },
          goal: p === 99 ? `≤ ${goal}` : undefined,
          note: p === 99 ? `${busy[key].length} samples under load (${busy.failed} failed; max ${Math.max(...busy[key]).toFixed(0)} ms, ${busy[key].filter((ms) => ms > goal).length} over ${goal}), ${idle[key].length} idle (${idle.failed} failed); ${loadNote}; ${clientNote}` : undefined,
        });
      }
    }
    rows.push(
      {
        bench,
        metric: "reads completed under load",
        value: reads.ok,
        unit: "reads",
        note: `${reads.failed} failed${reads.why ? ` (first: ${reads.why})` : ""}, ${reads.short} short; per read p50 ${percentile(reads.ms, 50).toFixed(0)} ms, max ${Math.max(...reads.ms).toFixed(0)} ms; the load lasted ${(loadMs / 1000).toFixed(1)} s`,
      },
      {
        bench,
        metric: "save of 100k under load",
        value: saveResult.ms / 1000,
        unit: "s",
        anchor: { name: "the same save before the load (nothing beside)", value: firstSave / 1000 },
        note: `answered ${saveResult.status}${"error" in saveResult ? ` (${saveResult.error})` : ""}`,
      },
      {
        bench,
        metric: "server peak RSS under load",
        value: busyMemory.rss,
        unit: "MiB",
        anchor: { name: "idle", value: idleMemory.rss },
        goal: "< 1536",
        note: `RSS of next start's process tree sampled every 100 ms; its VmHWM (peak since start, the setup saves included) ${busyMemory.hwm.toFixed(0)} MiB${pg ? "; PostgreSQL's own processes not counted" : ""}`,
      },
    );
    return rows;
  } finally {
    server?.stop();
    await new Promise((r) => setTimeout(r, 1000));
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function bench(): Promise<BenchRow[]> {
  if (!existsSync(".next/BUILD_ID")) execFileSync("npx", ["next", "build"], { stdio: "inherit" });
  const towns = parseGeonamesTowns(readFileSync(cities500Path(), "utf8"));
  const collections = { read: synthesizeIncidents({ count: COUNT, seed: 1, towns }), save: synthesizeIncidents({ count: COUNT, seed: 2, towns }) };
  const rows: BenchRow[] = [];
  if (ENGINES.includes("embedded")) rows.push(...(await engineRun("embedded", collections)));
  if (!ENGINES.includes("postgres")) return rows;
  if (postgresAvailable()) rows.push(...(await engineRun("postgres", collections)));
  else rows.push({ bench: "load (postgres)", metric: "skipped", value: NaN, unit: "", note: "no PostgreSQL binaries (PG_BIN)" });
  return rows;
}
