"use client";
// Each dataset arrives as gzipped incident columns (lib/columns/): the page fetches them (the default
// dataset's request began with the HTML: app/page.tsx preloads it), inflates and checks them (a Web Worker
// does it for a large body, load.worker.ts), and builds its incidents from the columns. Any failure on the
// way ends in an error the header shows, never a page left saying "Loading…". Several datasets load side
// by side, each on its own: one that fails leaves the others.
import { useEffect, useMemo, useRef, useState } from "react";
import type { PlacedIncident } from "@/lib/incident/place";
import type { IncidentColumns } from "@/lib/columns/format";
import { buildPlaced } from "@/lib/columns/build";
import { rememberCategoryCounts } from "../explorer/category-counts";
import { inflateColumns } from "@/lib/columns/inflate";
import type { LoadReply, LoadRequest } from "./load.worker";

// @option MAIN_THREAD_BYTES: number = 262144
// Gzipped columns up to this size (about 10,000 incidents) are read on the main thread in a few ms; a
// worker's start-up would cost more than it saves. Larger ones are read in the worker.
const MAIN_THREAD_BYTES = 256 * 1024;

/** Where one dataset's columns are fetched from. */
export interface RemoteSource {
  slug: string;
  url: string;
}

export interface RemoteDataset {
  slug: string;
  /** The dataset's name as the server gives it (X-Dataset-Name), or null when it gave none. */
  name: string | null;
  incidents: PlacedIncident[] | null;
  error: string | null;
  /** The server is still preparing its database (503): the page says so and asks again. */
  preparing: boolean;
}

type Columns = { columns: IncidentColumns; ms: { inflate: number; read: number } };

/** Inflates and checks in a worker; the worker starts at once, while the body is still downloading. */
function inWorker(body: Promise<ArrayBuffer>, signal: AbortSignal): Promise<Columns> {
  const w = new Worker(new URL("./load.worker.ts", import.meta.url));
  signal.addEventListener("abort", () => w.terminate());
  return new Promise<Columns>((resolve, reject) => {
    w.onmessage = (e: MessageEvent<LoadReply>) => (e.data.ok ? resolve(e.data) : reject(new Error(e.data.error)));
    w.onerror = (e) => reject(new Error(`the loading worker failed: ${e.message || "its script did not load"}`));
    w.onmessageerror = () => reject(new Error("the loading worker's answer could not be read"));
    body.then((gzipped) => {
      const request: LoadRequest = { gzipped };
      w.postMessage(request, [gzipped]);
    }, reject);
  }).finally(() => w.terminate());
}

function nameOf(res: Response): string | null {
  const raw = res.headers.get("x-dataset-name");
  if (raw === null) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

// @option MAX_RETRY_SECONDS: number = 10, the longest wait between asks while the server prepares its database
const MAX_RETRY_SECONDS = 10;

// Requests started before the page hydrated (askEarly), each taken by the first fetchWhenReady of its URL.
const early = new Map<string, Promise<Response>>();

/** Starts asking for `url` now, for the fetchWhenReady that will want it once the page has hydrated. */
export function askEarly(url: string): void {
  if (early.has(url)) return;
  const asked = fetch(url, { credentials: "same-origin" });
  // A failure is told by the load that takes it, not as an unhandled rejection meanwhile.
  asked.catch(() => undefined);
  early.set(url, asked);
}

function takeEarly(url: string): Promise<Response> | undefined {
  const asked = early.get(url);
  early.delete(url);
  return asked;
}

/** The response, asked again after Retry-After for as long as the server answers 503 (it is preparing its database). */
export async function fetchWhenReady(url: string, signal: AbortSignal, onPreparing: () => void): Promise<Response> {
  for (;;) {
    // Same mode and credentials as the preload, so the browser hands over the response already under way.
    const res = await (takeEarly(url) ?? fetch(url, { credentials: "same-origin", signal }));
    if (res.status !== 503) return res;
    onPreparing();
    const seconds = Math.min(MAX_RETRY_SECONDS, Math.max(0.2, Number(res.headers.get("retry-after")) || 1));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, seconds * 1000);
      signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
    });
  }
}

async function load(url: string, signal: AbortSignal, onPreparing: () => void): Promise<{ incidents: PlacedIncident[]; name: string | null }> {
  const t0 = performance.now();
  const res = await fetchWhenReady(url, signal, onPreparing);
  // 404 is also the answer for a dataset this reader may not see (the server does not say which).
  if (res.status === 404) throw new Error(`${url}: no such dataset, or it is not shared with you (HTTP 404)`);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const name = nameOf(res);
  // A large body declared up front starts its worker while it downloads.
  const { columns, ms } =
    Number(res.headers.get("content-length")) > MAIN_THREAD_BYTES
      ? await inWorker(res.arrayBuffer(), signal)
      : await res.arrayBuffer().then((b) => (b.byteLength <= MAIN_THREAD_BYTES ? inflateColumns(b) : inWorker(Promise.resolve(b), signal)));
  const t1 = performance.now();
  let incidents: PlacedIncident[];
  try {
    incidents = buildPlaced(columns);
    rememberCategoryCounts(incidents, columns);
  } catch (err) {
    throw new Error(`the incidents could not be built: ${(err as Error).message}`);
  }
  console.info("dataset load (ms):", { url, total: t1 - t0, ...ms, build: performance.now() - t1 });
  return { incidents, name };
}

/** The datasets of `sources`, in their order, each loading, loaded or failed; [] until sources are known (null).
 * A source added later loads on its own: those already loaded or loading are not asked for again. */
export function useRemoteDatasets(sources: readonly RemoteSource[] | null): RemoteDataset[] {
  const key = sources ? JSON.stringify(sources) : "";
  // What has come back, by URL; the rest are still loading.
  const [results, setResults] = useState<ReadonlyMap<string, Partial<RemoteDataset>>>(() => new Map());
  const started = useRef(new Map<string, AbortController>());
  useEffect(() => {
    for (const s of sources ?? []) {
      if (started.current.has(s.url)) continue;
      const abort = new AbortController();
      started.current.set(s.url, abort);
      const put = (part: Partial<RemoteDataset>) => {
        if (!abort.signal.aborted) setResults((prev) => new Map(prev).set(s.url, part));
      };
      load(s.url, abort.signal, () => put({ preparing: true })).then(
        ({ incidents, name }) => put({ incidents, name, error: null, preparing: false }),
        (err: Error) => put({ incidents: null, error: err.message, preparing: false }),
      );
    }
    // `key` stands for `sources`: a new array with the same contents is the same request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  useEffect(() => {
    const loads = started.current;
    return () => {
      for (const abort of loads.values()) abort.abort();
      // A remount (React's strict mode) starts them again.
      loads.clear();
    };
  }, []);
  return useMemo(
    () => (sources ?? []).map((s) => ({ slug: s.slug, name: null, incidents: null, error: null, preparing: false, ...results.get(s.url) })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, results],
  );
}
