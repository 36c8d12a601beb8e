"use client";
// The explorer: filters, map, timeline, details and list, all reading one filtered set of incidents, so
// the map, the list, the count and the export always agree. Shared state lives in the URL (useUrlState).
import { useCallback, useEffect, useMemo, useState } from "react";
import type { CheckpointCollection, SiegeCollection } from "@/lib/incident/context-layers";
import { anchorInBbox, asFilterable, type PlacedIncident } from "@/lib/incident/place";
import type { BBox } from "@/lib/geo/bbox";
import { LAYER_IDS, layersOn, type LayerId, type MapView, type UrlState } from "@/lib/url/state";
import { applyFilter, type IncidentFilter } from "@/lib/incident/filter";
import { facetCounts } from "@/lib/incident/facets";
import { describeFilter } from "@/lib/export/describe-filter";
import IncidentMap from "./MapLoader";
import DetailsPanel from "./DetailsPanel";
import LayerPanel from "./LayerPanel";
import Legend from "./Legend";
import ExportButton from "./ExportButton";
import FilterPanel from "./FilterPanel";
import IncidentList from "./IncidentList";
import Timeline from "./Timeline";
import CopyLinkButton from "./CopyLinkButton";
import { useUrlState } from "./useUrlState";
import AnalysisPanel from "./AnalysisPanel";
import ImportPanel from "./ImportPanel";
import { useImports } from "./useImports";
import { useRemoteIncidents } from "./useRemoteIncidents";
import { useTimelineData } from "./useTimelineData";
import { useAfterPaint } from "./useAfterPaint";
import { useHotspots } from "./useHotspots";
import { DARAA_AL_BALAD } from "@/lib/incident/reference";
import { distanceFrom } from "@/lib/incident/distance";
import { bandCounts } from "@/lib/analysis/bands";
import { DEFAULT_HOTSPOT_OPTIONS, type HotspotOptions } from "@/lib/analysis/hotspots";
import type { Feature, Point } from "geojson";
import type { TileStatus } from "./map/OnlineTiles";
import type { ViewChange } from "./map/ViewSync";

export interface ExplorerProps {
  datasetName: string;
  /** The dataset, when small enough to come with the page; else null and `remote` says where to fetch it. */
  incidents: PlacedIncident[] | null;
  /** `count`, when known, is shown while loading. */
  remote: { url: string; count?: number } | null;
  checkpoints: CheckpointCollection;
  siege: SiegeCollection;
  initial: UrlState;
  initialFilter: IncidentFilter;
  defaultBbox: BBox;
}

// @option SELECT_ZOOM: number = 12
// Zoom used when a link names an incident but no view.
const SELECT_ZOOM = 12;


const NONE: PlacedIncident[] = [];

export default function IncidentExplorer({ datasetName, incidents: inline, remote, checkpoints, siege, initial, initialFilter, defaultBbox }: ExplorerProps) {
  const loaded = useRemoteIncidents(remote?.url ?? null);
  const dataset = inline ?? loaded.incidents ?? NONE;
  // The user's imports join the dataset: they take part in filters, distances, hotspots and export.
  const datasetIds = useMemo(() => new Set(dataset.map((p) => p.feature.properties.event_id)), [dataset]);
  const imp = useImports(datasetIds);
  const { placed: imported, importedFrom } = imp;
  const incidents = useMemo(() => (imported.length ? [...dataset, ...imported] : dataset), [dataset, imported]);
  const byId = useMemo(() => new Map(incidents.map((p) => [p.feature.properties.event_id, p])), [incidents]);
  const [flyTo, setFlyTo] = useState<MapView | null>(() => {
    if (initial.view || !initial.selected) return null;
    const p = byId.get(initial.selected);
    return p ? { lng: p.anchor[0], lat: p.anchor[1], zoom: SELECT_ZOOM } : null;
  });
  const { state, update, setView: writeView } = useUrlState(
    {
      // A remote dataset is not here yet: its link's selection is kept until it is (below).
      selectedId: initial.selected && (byId.has(initial.selected) || (remote && !inline)) ? initial.selected : null,
      layers: layersOn(initial.layers),
      filter: initialFilter,
      reference: initial.reference ?? null,
    },
    setFlyTo,
  );
  const { selectedId, layers, filter, reference } = state;
  // When a remote dataset arrives, a link's incident is flown to (as an inline one is at once), or, when
  // the dataset has no such incident, the selection is dropped as it would have been.
  const remoteLoaded = loaded.incidents;
  useEffect(() => {
    // Only while the link's incident is still the selection: the user may have chosen another meanwhile
    // (an imported incident, Back or Forward).
    if (!remoteLoaded || !initial.selected || selectedId !== initial.selected) return;
    const p = byId.get(initial.selected);
    if (!p) update({ selectedId: null }, "replace");
    else if (!initial.view) setFlyTo({ lng: p.anchor[0], lat: p.anchor[1], zoom: SELECT_ZOOM });
    // Once, when the dataset arrives.
  }, [remoteLoaded]);
  const [picking, setPicking] = useState(false);
  const [hotspotOptions, setHotspotOptions] = useState<Required<HotspotOptions>>({ ...DEFAULT_HOTSPOT_OPTIONS });
  const [view, setView] = useState<ViewChange | null>(null);
  const [tileStatus, setTileStatus] = useState<TileStatus>("loading");
  const [wholeSpan, setWholeSpan] = useState(false);

  const onViewChange = useCallback(
    (v: ViewChange) => {
      setView(v);
      writeView(v.view);
    },
    [writeView],
  );
  const select = useCallback((id: string | null) => update({ selectedId: id }), [update]);
  const toggleLayer = (id: LayerId, on: boolean) => update({ layers: { ...layers, [id]: on } });
  const setFilter = (f: IncidentFilter, mode: "push" | "replace" = "push") => update({ filter: f }, mode);

  // Distances follow the reference point; the server measured them from Daraa al-Balad.
  const refFeature = useMemo<Feature<Point, { name: string }>>(
    () =>
      reference
        ? { type: "Feature", geometry: { type: "Point", coordinates: reference }, properties: { name: `${reference[1].toFixed(4)}° N, ${reference[0].toFixed(4)}° E` } }
        : { ...DARAA_AL_BALAD, properties: { name: "Daraa al-Balad" } },
    [reference],
  );
  const measured = useMemo(
    () => (reference ? incidents.map((p) => ({ ...p, distance: distanceFrom(p.feature.geometry, refFeature) })) : incidents),
    [incidents, reference, refFeature],
  );

  // One filtered set feeds the map, the list, the count, the analysis and the export.
  const filtered = useMemo(() => applyFilter(measured, asFilterable, filter), [measured, filter]);
  const shown = useMemo(() => (layers.incidents && view ? filtered.filter((p) => anchorInBbox(p, view.bbox)) : []), [filtered, layers.incidents, view]);
  // The panels around the map read their data a painted frame late: when 100,000 incidents arrive the map
  // is drawn first, and the facets, timeline and list follow.
  const slowIncidents = useAfterPaint(incidents);
  const slowFilter = useAfterPaint(filter);
  const slowShown = useAfterPaint(shown);
  const counts = useMemo(() => facetCounts(slowIncidents, asFilterable, slowFilter), [slowIncidents, slowFilter]);
  const filteredFeatures = useMemo(() => filtered.map((p) => p.feature), [filtered]);
  const bands = useMemo(() => (layers.rings ? bandCounts(filteredFeatures, refFeature) : null), [layers.rings, filteredFeatures, refFeature]);
  const { result: hotspotResult } = useHotspots(filteredFeatures, hotspotOptions, layers.hotspots);

  const { phases, span, fullSpan, histogram, undatedTotal } = useTimelineData(slowIncidents, slowFilter, siege, wholeSpan);
  const undatedShown = useMemo(() => filtered.filter((p) => p.feature.properties.event_date === null).length, [filtered]);

  const unplaced = useMemo(() => checkpoints.features.filter((f) => f.geometry === null), [checkpoints]);
  // With another reference point the export carries those distances too, and says where from.
  const exportFeatures = useMemo(
    () => shown.map((p) => (reference ? { ...p.feature, properties: { ...p.feature.properties, distance_ref_km: p.distance.km } } : p.feature)),
    [shown, reference],
  );
  const exportFilters = useMemo(
    () => ({
      ...describeFilter(filter),
      bbox: view?.bbox.map((n) => Math.round(n * 1e6) / 1e6) ?? null,
      layers: LAYER_IDS.filter((l) => layers[l]),
      ...(reference ? { reference } : {}),
    }),
    [filter, view, layers, reference],
  );
  const selected = selectedId ? (filtered.find((p) => p.feature.properties.event_id === selectedId) ?? byId.get(selectedId) ?? null) : null;

  return (
    <div
      className="app"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes("Files")) e.preventDefault();
      }}
      onDrop={(e) => {
        if (!e.dataTransfer.files.length) return;
        e.preventDefault();
        void imp.importFiles([...e.dataTransfer.files]);
      }}
    >
      <header className="app__header">
        <h1>{datasetName}</h1>
        <p className="muted" aria-live="polite">
          {remote && !loaded.incidents ? (
            loaded.error ? (
              <span className="error">Could not load the incidents: {loaded.error}</span>
            ) : (
              <span>Loading {remote.count?.toLocaleString("en") ?? "the"} incidents…</span>
            )
          ) : (
            <>
              <span data-testid="shown-count">{shown.length}</span> of {incidents.length} incidents shown
            </>
          )}
        </p>
        <CopyLinkButton />
        <ExportButton features={exportFeatures} name={datasetName} filters={exportFilters} />
      </header>
      <aside className="app__left">
        <LayerPanel layers={layers} onToggle={toggleLayer} unplaced={unplaced} tileStatus={tileStatus} />
        <ImportPanel
          imports={imp.imports}
          visible={imp.visible}
          busy={imp.busy}
          outcomes={imp.outcomes}
          onFiles={(files) => void imp.importFiles(files)}
          onToggle={imp.toggle}
          onRemove={(id) => void imp.remove(id)}
          onDismiss={imp.dismiss}
        />
        <FilterPanel filter={filter} counts={counts} onChange={(f) => setFilter(f)} />
        <Legend counts={counts.types} />
      </aside>
      <main className="app__map">
        <IncidentMap
          incidents={filtered}
          checkpoints={checkpoints}
          siege={siege}
          layers={layers}
          reference={refFeature}
          hotspots={hotspotResult}
          onPick={
            picking
              ? (lng, lat) => {
                  setPicking(false);
                  update({ reference: [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6] });
                }
              : null
          }
          range={{ from: filter.from, to: filter.to }}
          initialView={initial.view ?? null}
          initialBbox={defaultBbox}
          flyTo={flyTo}
          selectedId={selectedId}
          onSelect={select}
          onViewChange={onViewChange}
          onTileStatus={(s) => setTileStatus((prev) => (prev === "online" ? prev : s))}
        />
      </main>
      <aside className="app__right">
        <DetailsPanel
          incident={selected}
          importedFrom={selected ? (importedFrom.get(selected.feature.properties.event_id) ?? null) : null}
          referenceName={refFeature.properties.name}
          onClose={() => select(null)}
          onMeasureFrom={(p) => update({ reference: [p.anchor[0], p.anchor[1]] })}
        />
        {(layers.rings || layers.hotspots) && (
          <AnalysisPanel
            referenceName={refFeature.properties.name}
            isDefaultReference={!reference}
            picking={picking}
            onPick={() => setPicking(!picking)}
            onResetReference={() => update({ reference: null })}
            bands={bands}
            hotspotOptions={hotspotOptions}
            onHotspotOptions={setHotspotOptions}
            hotspots={hotspotResult}
            hotspotsOn={layers.hotspots}
          />
        )}
        <IncidentList incidents={slowShown} total={incidents.length} selectedId={selectedId} onSelect={select} />
      </aside>
      <footer className="app__bottom">
        {span && histogram ? (
          <>
            <Timeline
              histogram={histogram}
              span={span}
              phases={phases}
              range={{ from: filter.from, to: filter.to }}
              onRange={(r, commit) => setFilter({ ...filter, from: r.from, to: r.to }, commit ? "push" : "replace")}
              undatedShown={undatedShown}
              undatedTotal={undatedTotal}
              spanToggle={
                fullSpan && (wholeSpan || fullSpan.from !== span.from || fullSpan.to !== span.to)
                  ? { label: wholeSpan ? "Show the offensive" : `Show the whole span (${fullSpan.from.slice(0, 4)}–${fullSpan.to.slice(0, 4)})`, onClick: () => setWholeSpan(!wholeSpan) }
                  : undefined
              }
            />
          </>
        ) : (
          <p className="muted">No dated incidents.</p>
        )}
      </footer>
    </div>
  );
}
