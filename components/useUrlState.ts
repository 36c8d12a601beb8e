"use client";
// The explorer's shareable state (selection, layers, filter) and the URL that mirrors it. Discrete
// changes push a history entry, so Back and Forward move between states; map moves and playback replace
// the current one, so they never flood the history.
import { useCallback, useEffect, useRef, useState } from "react";
import { formatUrlState, layersOn, layersParam, parseUrlState, safeFilter, type LayerId, type MapView, type UrlState } from "@/lib/url/state";
import type { IncidentFilter } from "@/lib/incident/filter";
import { writeFilterParams } from "@/lib/url/filter-params";
import { queryText } from "@/lib/url/params";

export type Layers = Record<LayerId, boolean>;

export interface SharedState {
  selectedId: string | null;
  layers: Layers;
  filter: IncidentFilter;
  /** [lng, lat] distances are measured from; null for Daraa al-Balad. */
  reference: [number, number] | null;
}

function search(state: SharedState, view: MapView | undefined): string {
  const url: UrlState = { view, selected: state.selectedId ?? undefined, layers: layersParam(state.layers), reference: state.reference ?? undefined };
  const params = new URLSearchParams(formatUrlState(url, window.location.search));
  writeFilterParams(state.filter, params);
  return queryText(params);
}

export function useUrlState(initial: SharedState, onRestoreView: (view: MapView) => void) {
  const [state, setState] = useState(initial);
  // The latest state, so that writing the URL stays outside React's updater functions (which may run twice).
  const current = useRef(initial);
  const view = useRef<MapView | undefined>(undefined);
  const onRestoreRef = useRef(onRestoreView);
  onRestoreRef.current = onRestoreView;

  const write = useCallback((next: SharedState, mode: "push" | "replace") => {
    const url = `${window.location.pathname}${search(next, view.current)}`;
    if (url === `${window.location.pathname}${window.location.search}`) return;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }, []);

  /** Applies a change; `mode` says whether it makes a history entry. */
  const update = useCallback(
    (change: Partial<SharedState>, mode: "push" | "replace" = "push") => {
      const next = { ...current.current, ...change };
      current.current = next;
      setState(next);
      write(next, mode);
    },
    [write],
  );

  const setView = useCallback(
    (v: MapView) => {
      view.current = v;
      write(current.current, "replace");
    },
    [write],
  );

  useEffect(() => {
    const onPop = () => {
      const url = parseUrlState(window.location.search);
      const next = { selectedId: url.selected ?? null, layers: layersOn(url.layers), filter: safeFilter(window.location.search), reference: url.reference ?? null };
      current.current = next;
      setState(next);
      if (url.view) onRestoreRef.current(url.view);
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  return { state, update, setView };
}
