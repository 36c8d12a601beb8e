"use client";
// Runs hotspot clustering in a Web Worker whenever the incidents or the options change; only the answer
// to the latest request is kept.
import { useEffect, useRef, useState } from "react";
import type { HotspotOptions, HotspotResult } from "@/lib/analysis/hotspots";
import type { IncidentFeature } from "@/lib/incident/model";
import type { HotspotReply, HotspotRequest } from "./hotspots.worker";

export function useHotspots(incidents: readonly IncidentFeature[], options: HotspotOptions, enabled: boolean): { result: HotspotResult | null; error: string | null } {
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const [state, setState] = useState<{ result: HotspotResult | null; error: string | null }>({ result: null, error: null });

  useEffect(() => {
    if (!enabled) return;
    const w = new Worker(new URL("./hotspots.worker.ts", import.meta.url));
    w.onmessage = (e: MessageEvent<HotspotReply>) => {
      if (e.data.seq !== seq.current) return;
      setState("result" in e.data ? { result: e.data.result, error: null } : { result: null, error: e.data.error });
    };
    worker.current = w;
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, [enabled]);

  useEffect(() => {
    if (!enabled || !worker.current) return;
    seq.current += 1;
    worker.current.postMessage({ seq: seq.current, incidents: [...incidents], options } satisfies HotspotRequest);
  }, [enabled, incidents, options.radiusKm, options.minPoints]); // eslint-disable-line react-hooks/exhaustive-deps

  return enabled ? state : { result: null, error: null };
}
