"use client";
// A dataset too large to inline in the page is fetched and prepared in a Web Worker (load.worker.ts).
import { useEffect, useState } from "react";
import type { PlacedIncident } from "@/lib/place";
import type { LoadReply } from "./workers/load.worker";

export function useRemoteIncidents(url: string | null): { incidents: PlacedIncident[] | null; error: string | null } {
  const [state, setState] = useState<{ incidents: PlacedIncident[] | null; error: string | null }>({ incidents: null, error: null });
  useEffect(() => {
    if (!url) return;
    const w = new Worker(new URL("./workers/load.worker.ts", import.meta.url));
    w.onmessage = (e: MessageEvent<LoadReply>) => {
      setState(e.data.ok ? { incidents: e.data.incidents, error: null } : { incidents: null, error: e.data.error });
      if (e.data.ok) console.info("dataset load (ms):", e.data.ms);
      w.terminate();
    };
    w.postMessage({ url });
    return () => w.terminate();
  }, [url]);
  return state;
}
