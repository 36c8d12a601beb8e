"use client";
// The cluster index of the incidents on the map, with the array it was built from (marker i is incidents[i]).
// A small set is indexed here at once; a large one in a Web Worker (./cluster.worker.ts), meanwhile the map
// keeps drawing the index it has (before the first, a grid of the incidents: lib/display/grid.ts), so the
// page's thread never stops for supercluster's `load`.
import { useEffect, useMemo, useRef, useState } from "react";
import type { PlacedIncident } from "@/lib/incident/place";
import { buildClusterIndexOf, clusterInput, unpackClusterIndex, type ClusterIndex, type ClusterInput } from "@/lib/display/cluster";
import type { CategoryStyles } from "@/lib/display/event-style";
import type { ClusterReply, ClusterRequest } from "./cluster.worker";

// @option WORKER_FROM: number = 20_000
// Incidents from which the index is built in the worker: below it, `load` takes tens of milliseconds, less
// than starting the worker, and the first markers of a small dataset must not wait for one.
const WORKER_FROM = 20_000;

export interface BuiltIndex {
  incidents: readonly PlacedIncident[];
  index: ClusterIndex;
}

const inputOf = (incidents: readonly PlacedIncident[], styles: CategoryStyles) =>
  clusterInput(incidents, (p) => p.anchor, (p) => p.feature.properties.event_type, styles);

export interface ClusterIndexState {
  /** The index, or while a large one builds, the last one built (null before any). */
  built: BuiltIndex | null;
  /** Before the first large index comes, what it is being built from (item i is incidents[i]), to draw meanwhile. */
  pending: { incidents: readonly PlacedIncident[]; input: ClusterInput } | null;
}

/** The index of `incidents` counted by `styles`' slots. */
export function useClusterIndex(incidents: readonly PlacedIncident[], styles: CategoryStyles): ClusterIndexState {
  const small = incidents.length < WORKER_FROM;
  const input = useMemo(() => inputOf(incidents, styles), [incidents, styles]);
  const here = useMemo(() => (small ? { incidents, index: buildClusterIndexOf(input) } : null), [small, incidents, input]);
  const [fromWorker, setFromWorker] = useState<BuiltIndex | null>(null);
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    if (small) return;
    const w = (worker.current ??= new Worker(new URL("./cluster.worker.ts", import.meta.url)));
    const asked = ++seq.current;
    w.onmessage = (e: MessageEvent<ClusterReply>) => {
      // Only the answer to the latest question counts.
      if (e.data.seq !== seq.current) return;
      if ("error" in e.data) throw new Error(`the cluster index: ${e.data.error}`);
      setFromWorker({ incidents, index: unpackClusterIndex(e.data.packed) });
    };
    // Copied, not transferred: the page draws from it until the index comes.
    w.postMessage({ seq: asked, input } satisfies ClusterRequest);
  }, [small, incidents, input]);

  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = null;
    },
    [],
  );

  const pending = useMemo(() => (small || fromWorker ? null : { incidents, input }), [small, fromWorker, incidents, input]);
  return { built: small ? here : fromWorker, pending };
}
