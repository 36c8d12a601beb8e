"use client";
// The explorer: filters, map, timeline, details and list around one filtered set of incidents, so the
// map, the list, the count and the export always agree. Its state lives in one store (./explorer/): the
// panels dispatch what happened, the reducer says what it means, the URL records what a link shares.
import { useCallback, useEffect, useMemo, useState } from "react";
import type { CheckpointCollection, SiegeCollection } from "@/lib/incident/context-layers";
import { asFilterable } from "@/lib/incident/place";
import type { BBox } from "@/lib/geo/bbox";
import { LAYER_IDS } from "@/lib/url/state";
import { facetCounts } from "@/lib/incident/facets";
import { bandCounts } from "@/lib/analysis/bands";
import { categoryStyles, countCategories } from "@/lib/display/event-style";
import IncidentMap, { MapPlaceholder } from "./MapLoader";
import type { ViewChange } from "./map/ViewSync";
import DetailsPanel from "./DetailsPanel";
import LayerPanel from "./LayerPanel";
import Legend from "./Legend";
import ExportButton from "./ExportButton";
import FilterPanel from "./FilterPanel";
import IncidentList from "./IncidentList";
import Timeline from "./Timeline";
import CopyLinkButton from "./CopyLinkButton";
import DroppedParams from "./DroppedParams";
import AnalysisPanel from "./AnalysisPanel";
import ImportPanel from "./ImportPanel";
import FileDrop from "./FileDrop";
import { useExplorerStore } from "./explorer/store";
import { useIncidents } from "./useIncidents";
import { useLinkedDatasets } from "./useLinkedDatasets";
import { useShownIncidents } from "./useShownIncidents";
import { useTimelineData } from "./useTimelineData";
import { useAfterPaint } from "./useAfterPaint";
import { useHotspots } from "./useHotspots";
import { useSession } from "./account/useSession";
import AccountBar from "./account/AccountBar";
import DatasetsPanel from "./account/DatasetsPanel";
import UsersPanel from "./account/UsersPanel";

export interface ExplorerProps {
  /** The heading until the datasets have said their names. */
  datasetName: string;
  checkpoints: CheckpointCollection;
  siege: SiegeCollection;
  defaultBbox: BBox;
}

export default function IncidentExplorer({ datasetName: defaultName, checkpoints, siege, defaultBbox }: ExplorerProps) {
  const { state, dispatch, fromUrl } = useExplorerStore();
  const { selectedId, layers, filter } = state;
  // The page is the same static shell for every link: the link names the datasets (?dataset=a,b&key=…).
  const { incidents, byId, imports, datasets, toggleDataset, arrived, loadError, preparing } = useIncidents(useLinkedDatasets());
  const names = datasets.map((d) => d.name).filter((n): n is string => n !== null);
  const datasetName = names.length ? names.join(" + ") : defaultName;
  const session = useSession();
  // Bumped after a save to the server, so the datasets list reads itself again.
  const [savedCount, setSavedCount] = useState(0);

  // Once the dataset is here, a link's incident is flown to, or dropped when the dataset has no such one.
  useEffect(() => {
    if (fromUrl && arrived && state.link) dispatch({ type: "linkedIncidentFound", anchor: byId.get(state.link.selected)?.anchor ?? null });
  }, [fromUrl, arrived, state.link, byId, dispatch]);

  const { reference, filtered, shown } = useShownIncidents(incidents, state);
  // Styles from every category loaded, not the filtered view: a category keeps its colour while filtering.
  const styles = useMemo(() => categoryStyles(countCategories(incidents, (p) => p.feature.properties.event_type)), [incidents]);
  // The panels around the map read their data a painted frame late: when 100,000 incidents arrive the map
  // is drawn first, and the facets, timeline and list follow.
  const slowIncidents = useAfterPaint(incidents);
  const slowFilter = useAfterPaint(filter);
  const slowShown = useAfterPaint(shown);
  const counts = useMemo(() => facetCounts(slowIncidents, asFilterable, slowFilter), [slowIncidents, slowFilter]);
  const filteredFeatures = useMemo(() => filtered.map((p) => p.feature), [filtered]);
  const bands = useMemo(() => (layers.rings ? bandCounts(filteredFeatures, reference) : null), [layers.rings, filteredFeatures, reference]);
  const { result: hotspotResult } = useHotspots(filteredFeatures, state.hotspotOptions, layers.hotspots);
  const { phases, span, fullSpan, histogram, undatedTotal } = useTimelineData(slowIncidents, slowFilter, siege, state.wholeSpan);
  const undatedShown = useMemo(() => filtered.filter((p) => p.feature.properties.event_date === null).length, [filtered]);
  const unplaced = useMemo(() => checkpoints.features.filter((f) => f.geometry === null), [checkpoints]);
  const selected = selectedId ? (filtered.find((p) => p.feature.properties.event_id === selectedId) ?? byId.get(selectedId) ?? null) : null;

  const select = useCallback((id: string | null) => dispatch({ type: "incidentChosen", id }), [dispatch]);
  const onViewChange = useCallback((v: ViewChange) => dispatch({ type: "mapMoved", ...v }), [dispatch]);
  const range = { from: filter.from, to: filter.to };

  return (
    <FileDrop className="app" onFiles={(files) => void imports.importFiles(files)}>
      <header className="app__header">
        <h1>{datasetName}</h1>
        <p className="muted" aria-live="polite">
          {!arrived ? (
            loadError ? (
              <span className="error">Could not load the incidents: {loadError}</span>
            ) : (
              <span>{preparing ? "Preparing the database…" : "Loading the incidents…"}</span>
            )
          ) : (
            <>
              <span data-testid="shown-count">{shown.length}</span> of {incidents.length} incidents shown
            </>
          )}
        </p>
        <DroppedParams />
        <CopyLinkButton />
        <ExportButton
          shown={shown}
          context={{ name: datasetName, filter, bbox: state.bbox, layers: LAYER_IDS.filter((l) => layers[l]), reference: state.reference }}
        />
        <AccountBar session={session} />
      </header>
      <aside className="app__left">
        <LayerPanel
          layers={layers}
          onToggle={(layer, on) => dispatch({ type: "layerToggled", layer, on })}
          datasets={datasets}
          onToggleDataset={toggleDataset}
          unplaced={unplaced}
          tileStatus={state.tileStatus}
        />
        <ImportPanel imports={imports} save={session.account && session.account.role !== "viewer" ? { onSaved: () => setSavedCount((n) => n + 1) } : null} />
        <DatasetsPanel account={session.account} version={savedCount} />
        {session.account?.role === "admin" && <UsersPanel />}
        <FilterPanel filter={filter} counts={counts} styles={styles} onChange={(f) => dispatch({ type: "filterChanged", filter: f })} />
        <Legend counts={counts.types} styles={styles} />
      </aside>
      <main className="app__map">
        {/* The map reads its first view once, so it waits for the link's state (the server knows no link). */}
        {fromUrl ? (
          <IncidentMap
            incidents={filtered}
            styles={styles}
            checkpoints={checkpoints}
            siege={siege}
            layers={layers}
            reference={reference}
            hotspots={hotspotResult}
            onPick={state.picking ? (lng, lat) => dispatch({ type: "pointPicked", lng, lat }) : null}
            range={range}
            initialView={state.view}
            initialBbox={defaultBbox}
            flyTo={state.flyTo}
            selectedId={selectedId}
            onSelect={select}
            onViewChange={onViewChange}
            onTileStatus={(status) => dispatch({ type: "tilesReported", status })}
          />
        ) : (
          <MapPlaceholder />
        )}
      </main>
      <aside className="app__right">
        <DetailsPanel
          incident={selected}
          importedFrom={selected ? (imports.importedFrom.get(selected.feature.properties.event_id) ?? null) : null}
          referenceName={reference.properties.name}
          onClose={() => select(null)}
          onMeasureFrom={(p) => dispatch({ type: "measuredFrom", anchor: p.anchor })}
        />
        {(layers.rings || layers.hotspots) && (
          <AnalysisPanel
            referenceName={reference.properties.name}
            isDefaultReference={!state.reference}
            picking={state.picking}
            onPick={() => dispatch({ type: "pickToggled" })}
            onResetReference={() => dispatch({ type: "referenceReset" })}
            bands={bands}
            hotspotOptions={state.hotspotOptions}
            onHotspotOptions={(options) => dispatch({ type: "hotspotOptionsChanged", options })}
            hotspots={hotspotResult}
            hotspotsOn={layers.hotspots}
          />
        )}
        <IncidentList incidents={slowShown} total={incidents.length} selectedId={selectedId} onSelect={select} />
      </aside>
      <footer className="app__bottom">
        {span && histogram ? (
          <Timeline
            histogram={histogram}
            styles={styles}
            span={span}
            phases={phases}
            range={range}
            onRange={(r, commit) => dispatch({ type: "rangeChanged", range: r, commit })}
            undatedShown={undatedShown}
            undatedTotal={undatedTotal}
            spanToggle={
              fullSpan && (state.wholeSpan || fullSpan.from !== span.from || fullSpan.to !== span.to)
                ? {
                    label: state.wholeSpan ? "Show the offensive" : `Show the whole span (${fullSpan.from.slice(0, 4)}–${fullSpan.to.slice(0, 4)})`,
                    onClick: () => dispatch({ type: "spanToggled" }),
                  }
                : undefined
            }
          />
        ) : (
          <p className="muted">No dated incidents.</p>
        )}
      </footer>
    </FileDrop>
  );
}
