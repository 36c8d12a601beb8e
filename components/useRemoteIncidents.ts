"use client";
// The dataset arrives as gzipped incident columns (lib/columns/): the page fetches them (the request began
// with the HTML: app/page.tsx preloads it), inflates and checks them (a Web Worker does it for a large
// body, load.worker.ts), and builds its incidents from the columns. Any failure on the way ends in an
// error the header shows, never a page left saying "Loading…".
import { useEffect, useState } from "react";
import type { PlacedIncident } from "@/lib/incident/place";
import type { IncidentColumns } from "@/lib/columns/format";
import { buildPlaced } from "@/lib/columns/build";
import { inflateColumns } from "@/lib/columns/inflate";
import type { LoadReply, LoadRequest } from "./workers/load.worker";

// @option MAIN_THREAD_BYTES: number = 262144
// Gzipped columns up to this size (about 10,000 incidents) are read on the main thread in a few ms; a
// worker's start-up would cost more than it saves. Larger ones are read in the worker.
const MAIN_THREAD_BYTES = 256 * 1024;

type State = { incidents: PlacedIncident[] | null; error: string | null };
type Columns = { columns: IncidentColumns; ms: { inflate: number; read: number } };

/** Inflates and checks in a worker; the worker starts at once, while the body is still downloading. */
function inWorker(body: Promise<ArrayBuffer>, signal: AbortSignal): Promise<Columns> {
  const w = new Worker(new URL("./workers/load.worker.ts", import.meta.url));
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

export function useRemoteIncidents(url: string): State {
  const [state, setState] = useState<State>({ incidents: null, error: null });
  useEffect(() => {
    const abort = new AbortController();
    const t0 = performance.now();
    // Same mode and credentials as the preload, so the browser hands over the response already under way.
    fetch(url, { credentials: "same-origin", signal: abort.signal })
      .then((res) => {
        if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
        // A large body declared up front starts its worker while it downloads.
        if (Number(res.headers.get("content-length")) > MAIN_THREAD_BYTES) return inWorker(res.arrayBuffer(), abort.signal);
        return res.arrayBuffer().then((b) => (b.byteLength <= MAIN_THREAD_BYTES ? inflateColumns(b) : inWorker(Promise.resolve(b), abort.signal)));
      })
      .then(({ columns, ms }) => {
        const t1 = performance.now();
        let incidents: PlacedIncident[];
        try {
          incidents = buildPlaced(columns);
        } catch (err) {
          throw new Error(`the incidents could not be built: ${(err as Error).message}`);
        }
        console.info("dataset load (ms):", { total: t1 - t0, ...ms, build: performance.now() - t1 });
        if (!abort.signal.aborted) setState({ incidents, error: null });
      })
      .catch((err: Error) => {
        if (!abort.signal.aborted) setState({ incidents: null, error: err.message });
      });
    return () => abort.abort();
  }, [url]);
  return state;
}
