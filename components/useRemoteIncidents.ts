"use client";
// A dataset too large to inline in the page arrives as gzipped incident columns (lib/columns/): the
// page fetches them (the request began with the HTML: app/page.tsx preloads it) while a Web Worker
// starts, the worker inflates and checks them (load.worker.ts), and the page builds its incidents from
// the columns handed back. Any failure on the way ends in an error the header shows, never a page left
// saying "Loading…".
import { useEffect, useState } from "react";
import type { PlacedIncident } from "@/lib/incident/place";
import { buildPlaced } from "@/lib/columns/build";
import type { LoadReply, LoadRequest } from "./workers/load.worker";

type State = { incidents: PlacedIncident[] | null; error: string | null };

export function useRemoteIncidents(url: string | null): State {
  const [state, setState] = useState<State>({ incidents: null, error: null });
  useEffect(() => {
    if (!url) return;
    let done = false;
    const abort = new AbortController();
    const t0 = performance.now();
    const w = new Worker(new URL("./workers/load.worker.ts", import.meta.url));
    const finish = (next: State) => {
      if (done) return;
      done = true;
      w.terminate();
      setState(next);
    };
    const fail = (error: string) => finish({ incidents: null, error });
    w.onmessage = (e: MessageEvent<LoadReply>) => {
      if (done) return;
      if (!e.data.ok) return fail(e.data.error);
      try {
        const t1 = performance.now();
        const incidents = buildPlaced(e.data.columns);
        console.info("dataset load (ms):", { total: t1 - t0, ...e.data.ms, build: performance.now() - t1 });
        finish({ incidents, error: null });
      } catch (err) {
        fail(`the incidents could not be built: ${(err as Error).message}`);
      }
    };
    w.onerror = (e) => fail(`the loading worker failed: ${e.message || "its script did not load"}`);
    w.onmessageerror = () => fail("the loading worker's answer could not be read");
    // Same mode and credentials as the preload, so the browser hands over the response already under way.
    fetch(url, { credentials: "same-origin", signal: abort.signal })
      .then(async (res) => {
        if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
        const gzipped = await res.arrayBuffer();
        if (done) return;
        const request: LoadRequest = { gzipped };
        w.postMessage(request, [gzipped]);
      })
      .catch((err: Error) => {
        if (!abort.signal.aborted) fail(err.message);
      });
    return () => {
      done = true;
      abort.abort();
      w.terminate();
    };
  }, [url]);
  return state;
}
