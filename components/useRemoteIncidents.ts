"use client";
// A dataset too large to inline in the page arrives as gzipped incident columns (lib/columns.ts): the
// page fetches them (the request began with the HTML: app/page.tsx preloads it) while a Web Worker
// starts, the worker inflates and checks them (load.worker.ts), and the page builds its incidents from
// the columns handed back.
import { useEffect, useState } from "react";
import type { PlacedIncident } from "@/lib/place";
import { buildPlaced } from "@/lib/columns/build";
import type { LoadReply, LoadRequest } from "./workers/load.worker";

type State = { incidents: PlacedIncident[] | null; error: string | null };

export function useRemoteIncidents(url: string | null): State {
  const [state, setState] = useState<State>({ incidents: null, error: null });
  useEffect(() => {
    if (!url) return;
    let done = false;
    const t0 = performance.now();
    const w = new Worker(new URL("./workers/load.worker.ts", import.meta.url));
    const fail = (error: string) => {
      if (!done) setState({ incidents: null, error });
      done = true;
      w.terminate();
    };
    w.onmessage = (e: MessageEvent<LoadReply>) => {
      w.terminate();
      if (!e.data.ok) return fail(e.data.error);
      const t1 = performance.now();
      const incidents = buildPlaced(e.data.columns);
      console.info("dataset load (ms):", { total: t1 - t0, ...e.data.ms, build: performance.now() - t1 });
      done = true;
      setState({ incidents, error: null });
    };
    w.onerror = (e) => fail(`the loading worker failed: ${e.message}`);
    // Same mode and credentials as the preload, so the browser hands over the response already under way.
    fetch(url, { credentials: "same-origin" })
      .then(async (res) => {
        if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
        const gzipped = await res.arrayBuffer();
        const request: LoadRequest = { gzipped };
        w.postMessage(request, [gzipped]);
      })
      .catch((err: Error) => fail(err.message));
    return () => {
      done = true;
      w.terminate();
    };
  }, [url]);
  return state;
}
