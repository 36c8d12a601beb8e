"use client";
// The cluster index of the incidents on the map, with the array it was built from (marker i is incidents[i]).
// A small set is indexed here at once; a large one in a Web Worker (./cluster.worker.ts), meanwhile the map
// keeps drawing the index it has (before the first, a grid of the incidents: lib/display/grid.ts), so the
// page's thread never stops for supercluster's `load`. A large set's input (its anchors and style slots as
// typed arrays) is made in slices too: a million took 60–130 ms of the render that showed them.
import { useEffect, useMemo, useRef, useState } from "react";
import type { PlacedIncident } from "@/lib/incident/place";
import { buildClusterIndexOf, clusterInput, unpackClusterIndex, type ClusterIndex, type ClusterInput } from "@/lib/display/cluster";
import type { CategoryStyles } from "@/lib/display/event-style";
import type { ClusterReply, ClusterRequest } from "./cluster.worker";
import { showingFirst } from "../layout/useSliced";

// @option WORKER_FROM: number = 20_000
// Incidents from which the index is built in the worker: below it, `load` takes tens of milliseconds, less
// than starting the worker, and the first markers of a small dataset must not wait for one.
const WORKER_FROM = 20_000;

export interface BuiltIndex {
  incidents: readonly PlacedIncident[];
  index: ClusterIndex;
}

// @option SLICE_MS: number = 10, CHUNK: number = 4096
// A large set's input is made CHUNK incidents at a time, the page's thread given back every SLICE_MS.
const SLICE_MS = 10;
const CHUNK = 4096;

const inputOf = (incidents: readonly PlacedIncident[], styles: CategoryStyles) =>
  clusterInput(incidents, (p) => p.anchor, (p) => p.feature.properties.event_type, styles);

/** inputOf in slices; null if `stop()` says so before it ends. */
async function inputInSlices(incidents: readonly PlacedIncident[], styles: CategoryStyles, stop: () => boolean): Promise<ClusterInput | null> {
  const anchors = new Float64Array(incidents.length * 2);
  const types = new Uint8Array(incidents.length);
  let started = performance.now();
  for (let from = 0; from < incidents.length; from += CHUNK) {
    if (performance.now() - started >= SLICE_MS) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      if (stop()) return null;
      started = performance.now();
    }
    const part = inputOf(incidents.slice(from, from + CHUNK), styles);
    anchors.set(part.anchors, 2 * from);
    types.set(part.types, from);
  }
  return { anchors, types, numTypes: styles.slots.length };
}

export interface ClusterIndexState {
  /** The index, or while a large one builds, the last one built (null before any, and while the grid draws). */
  built: BuiltIndex | null;
  /** Before the first large index comes, what it is being built from (item i is incidents[i]), to draw meanwhile. */
  pending: { incidents: readonly PlacedIncident[]; input: ClusterInput } | null;
}

/** The index of `incidents` counted by `styles`' slots. */
export function useClusterIndex(incidents: readonly PlacedIncident[], styles: CategoryStyles): ClusterIndexState {
  const small = incidents.length < WORKER_FROM;
  const smallInput = useMemo(() => (small ? inputOf(incidents, styles) : null), [small, incidents, styles]);
  const here = useMemo(() => (smallInput ? { incidents, index: buildClusterIndexOf(smallInput) } : null), [smallInput, incidents]);
  // A large set's input, made in slices after the render, with what it was made from.
  const [made, setMade] = useState<{ incidents: readonly PlacedIncident[]; styles: CategoryStyles; input: ClusterInput } | null>(null);
  useEffect(() => {
    if (small) return;
    let stopped = false;
    // The markers are shown first: the panels' slices wait for this input (components/layout/useSliced.ts).
    const end = showingFirst();
    void inputInSlices(incidents, styles, () => stopped).then((input) => {
      if (input) setMade({ incidents, styles, input });
      end();
    });
    return () => {
      stopped = true;
      end();
    };
  }, [small, incidents, styles]);
  const largeInput = !small && made && made.incidents === incidents && made.styles === styles ? made.input : null;
  const [fromWorker, setFromWorker] = useState<BuiltIndex | null>(null);
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    const input = largeInput;
    if (!input) return;
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
  }, [incidents, largeInput]);

  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = null;
    },
    [],
  );

  const pending = useMemo(() => (small || fromWorker || !largeInput ? null : { incidents, input: largeInput }), [small, fromWorker, incidents, largeInput]);
  const current = small ? here : fromWorker;
  // The index drawn last stays until the new set's grid can be drawn: a small set growing large (an import
  // added) would otherwise leave the map empty while the large set's input is made in slices.
  const [last, setLast] = useState<BuiltIndex | null>(null);
  if (current && current !== last) setLast(current);
  return { built: current ?? (pending ? null : last), pending };
}
