"use client";
// The app's state (selection, layers, view) and the URL that mirrors it. The map is one child among
// the panels; everything else renders on the server too.
import { useCallback, useEffect, useMemo, useState } from "react";
import type { CheckpointCollection, SiegeCollection } from "@/lib/context-layers";
import { anchorInBbox, type PlacedIncident } from "@/lib/place";
import type { BBox } from "@/lib/bbox";
import { formatUrlState, LAYER_IDS, parseUrlState, type LayerId, type MapView, type UrlState } from "@/lib/url-state";
import IncidentMap from "./MapLoader";
import DetailsPanel from "./DetailsPanel";
import LayerPanel from "./LayerPanel";
import Legend from "./Legend";
import ExportButton from "./ExportButton";
import type { TileStatus } from "./map/OnlineTiles";
import type { ViewChange } from "./map/ViewSync";

export interface ExplorerProps {
  datasetName: string;
  incidents: PlacedIncident[];
  checkpoints: CheckpointCollection;
  siege: SiegeCollection;
  initial: UrlState;
  defaultBbox: BBox;
}

// @option SELECT_ZOOM: number = 12
// Zoom used when a link names an incident but no view.
const SELECT_ZOOM = 12;

function layerState(ids: LayerId[] | undefined): Record<LayerId, boolean> {
  return Object.fromEntries(LAYER_IDS.map((id) => [id, ids ? ids.includes(id) : true])) as Record<LayerId, boolean>;
}

export default function IncidentExplorer({ datasetName, incidents, checkpoints, siege, initial, defaultBbox }: ExplorerProps) {
  const byId = useMemo(() => new Map(incidents.map((p) => [p.feature.properties.event_id, p])), [incidents]);
  const [selectedId, setSelectedId] = useState<string | null>(initial.selected && byId.has(initial.selected) ? initial.selected : null);
  const [layers, setLayers] = useState(() => layerState(initial.layers));
  const [view, setView] = useState<ViewChange | null>(null);
  const [tileStatus, setTileStatus] = useState<TileStatus>("loading");
  const [flyTo, setFlyTo] = useState<MapView | null>(() => {
    if (initial.view || !initial.selected) return null;
    const p = byId.get(initial.selected);
    return p ? { lng: p.anchor[0], lat: p.anchor[1], zoom: SELECT_ZOOM } : null;
  });

  // Mirror the state in the URL: view moves replace the entry, selections push one (so Back undoes them).
  const writeUrl = useCallback(
    (state: UrlState, push: boolean) => {
      const layerList = LAYER_IDS.filter((id) => (state.layers ? state.layers.includes(id) : layers[id]));
      const search = formatUrlState({ ...state, layers: layerList.length === LAYER_IDS.length ? undefined : layerList }, window.location.search);
      const url = `${window.location.pathname}${search}`;
      if (url === `${window.location.pathname}${window.location.search}`) return;
      if (push) window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [layers],
  );

  const onViewChange = useCallback(
    (v: ViewChange) => {
      setView(v);
      writeUrl({ view: v.view, selected: selectedId ?? undefined }, false);
    },
    [writeUrl, selectedId],
  );

  const select = useCallback(
    (id: string | null) => {
      setSelectedId(id);
      writeUrl({ view: view?.view, selected: id ?? undefined }, true);
    },
    [writeUrl, view],
  );

  const toggleLayer = (id: LayerId, on: boolean) => {
    const next = { ...layers, [id]: on };
    setLayers(next);
    writeUrl({ view: view?.view, selected: selectedId ?? undefined, layers: LAYER_IDS.filter((l) => next[l]) }, false);
  };

  useEffect(() => {
    const onPop = () => {
      const state = parseUrlState(window.location.search);
      setSelectedId(state.selected && byId.has(state.selected) ? state.selected : null);
      setLayers(layerState(state.layers));
      if (state.view) setFlyTo(state.view);
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, [byId]);

  const shown = useMemo(() => {
    if (!layers.incidents || !view) return [];
    return incidents.filter((p) => anchorInBbox(p, view.bbox));
  }, [incidents, layers.incidents, view]);

  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of incidents) m.set(p.feature.properties.event_type, (m.get(p.feature.properties.event_type) ?? 0) + 1);
    return m;
  }, [incidents]);

  const unplaced = useMemo(() => checkpoints.features.filter((f) => f.geometry === null), [checkpoints]);
  const exportFeatures = useMemo(() => shown.map((p) => p.feature), [shown]);
  const selected = selectedId ? (byId.get(selectedId) ?? null) : null;

  return (
    <div className="app">
      <header className="app__header">
        <h1>{datasetName}</h1>
        <p className="muted" aria-live="polite">
          <span data-testid="shown-count">{shown.length}</span> of {incidents.length} incidents in view
        </p>
        <ExportButton
          features={exportFeatures}
          name={datasetName}
          filters={{ bbox: view?.bbox.map((n) => Math.round(n * 1e6) / 1e6) ?? null, layers: LAYER_IDS.filter((l) => layers[l]) }}
        />
      </header>
      <main className="app__main">
        <IncidentMap
          incidents={incidents}
          checkpoints={checkpoints}
          siege={siege}
          layers={layers}
          initialView={initial.view ?? null}
          initialBbox={defaultBbox}
          flyTo={flyTo}
          selectedId={selectedId}
          onSelect={select}
          onViewChange={onViewChange}
          onTileStatus={(s) => setTileStatus((prev) => (prev === "online" ? prev : s))}
        />
        <aside className="app__side app__side--left">
          <LayerPanel layers={layers} onToggle={toggleLayer} unplaced={unplaced} tileStatus={tileStatus} />
          <Legend counts={counts} />
        </aside>
        <aside className="app__side app__side--right">
          <DetailsPanel incident={selected} onClose={() => select(null)} />
        </aside>
      </main>
    </div>
  );
}
