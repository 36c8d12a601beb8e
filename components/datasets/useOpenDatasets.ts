"use client";
// What the open, visible datasets bring to the page besides their incidents: their names, their context
// layers, their own reference points, what the timeline opens on, and the box that frames them.
import { useCallback, useMemo } from "react";
import type { CheckpointCollection, SiegeCollection } from "@/lib/incident/context-layers";
import type { ContextLayer, DatasetReference } from "@/lib/dataset/description";
import { datasetFrame, incidentsFrame, unionFrame, type Frame } from "@/lib/dataset/frame";
import type { OpenDataset } from "./useIncidents";
import type { TimelineDataset } from "../explorer/selectors";

/** A context layer's switch in the layer list: checkpoints and siege are the URL's layers, areas the page's own. */
export type ContextSwitch = { kind: "checkpoints" | "siege"; name: string } | { kind: "area"; key: string; name: string };

// A dataset's frame is worked out once per incidents array (lib/dataset/frame.ts's incidentsFrame).
function frameOf(d: OpenDataset): Frame | null {
  if (d.description?.defaultView) return datasetFrame(d.description, []);
  return d.incidents && incidentsFrame(d.incidents);
}

function merged<T extends { type: "FeatureCollection"; features: unknown[] }>(layers: readonly T[]): T | null {
  if (layers.length === 0) return null;
  return layers.length === 1 ? layers[0] : ({ type: "FeatureCollection", features: layers.flatMap((l) => l.features) } as T);
}

export function useOpenDatasets(open: readonly OpenDataset[]) {
  const visible = useMemo(() => open.filter((d) => d.visible && d.incidents !== null), [open]);
  const names = useMemo(() => visible.map((d) => d.name), [visible]);
  const context = useMemo(() => {
    const layers = visible.flatMap((d) => (d.description?.contextLayers ?? []).map((l) => ({ dataset: d.key, layer: l })));
    const ofKind = <K extends ContextLayer["kind"]>(kind: K) => layers.filter((x) => x.layer.kind === kind).map((x) => x.layer as Extract<ContextLayer, { kind: K }>);
    const checkpoints = ofKind("checkpoints");
    const sieges = ofKind("siege");
    const switches: ContextSwitch[] = [
      ...(checkpoints.length ? [{ kind: "checkpoints" as const, name: checkpoints[0].name }] : []),
      ...(sieges.length ? [{ kind: "siege" as const, name: sieges[0].name }] : []),
      ...layers.filter((x) => x.layer.kind === "area").map((x) => ({ kind: "area" as const, key: `${x.dataset}/${x.layer.id}`, name: x.layer.name })),
    ];
    const areas = layers.flatMap((x) => (x.layer.kind === "area" ? [{ key: `${x.dataset}/${x.layer.id}`, data: x.layer.data }] : []));
    return {
      checkpoints: merged<CheckpointCollection>(checkpoints.map((l) => l.data)),
      siege: merged<SiegeCollection>(sieges.map((l) => l.data)),
      areas,
      switches,
    };
  }, [visible]);
  const references: (DatasetReference | null)[] = useMemo(() => visible.map((d) => d.description?.reference ?? null), [visible]);
  const timeline: TimelineDataset[] = useMemo(
    () =>
      visible.map((d) => ({
        incidents: d.incidents!,
        sieges: (d.description?.contextLayers ?? []).filter((l): l is Extract<ContextLayer, { kind: "siege" }> => l.kind === "siege").map((l) => l.data),
      })),
    [visible],
  );
  /** The frame of the visible datasets (all of them, or those whose keys are given). */
  // A dataset framed by its description's view counts while its incidents load.
  const framed = useMemo(() => open.filter((d) => d.visible && (d.incidents !== null || d.description?.defaultView)), [open]);
  const frame = useCallback((keys?: readonly string[]) => unionFrame((keys ? open.filter((d) => keys.includes(d.key)) : framed).map(frameOf)), [open, framed]);
  return { visible, names, context, references, timeline, frame };
}
