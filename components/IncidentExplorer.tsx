"use client";
// The explorer: filters, map, timeline, details and list around one filtered set of incidents, so the
// map, the list, the count and the export always agree. Its state lives in one store (./explorer/): the
// panels dispatch what happened, the reducer says what it means, the URL records what a link shares.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { bboxWithin, type BBox } from "@/lib/geo/bbox";
import { referenceInForce } from "@/lib/dataset/reference";
import { LAYER_IDS } from "@/lib/url/state";
import { categoryStyles } from "@/lib/display/event-style";
import { categoryCountsOf } from "./explorer/category-counts";
import IncidentMap, { MapPlaceholder } from "./map/MapLoader";
import type { ViewChange } from "./map/ViewSync";
import DetailsPanel from "./details/DetailsPanel";
import LayerPanel from "./datasets/LayerPanel";
import Legend from "./datasets/Legend";
import ExportButton from "./export/ExportButton";
import FilterPanel from "./filters/FilterPanel";
import IncidentList from "./details/IncidentList";
import Timeline from "./timeline/Timeline";
import CopyLinkButton from "./explorer/CopyLinkButton";
import DroppedParams from "./explorer/DroppedParams";
import MissingIncident from "./explorer/MissingIncident";
import DatasetSummaries from "./datasets/DatasetSummaries";
import { AnalysisPanel, useMeasuredReference } from "./analysis/lazy";
import ImportPanel from "./import/ImportPanel";
import FileDrop from "./import/FileDrop";
import { useExplorerStore } from "./explorer/store";
import { useShownSet } from "./explorer/useShownSet";
import { useSlicedWhenLarge } from "./explorer/useSlicedWhenLarge";
import {
  datelessFilter,
  filterCountSteps,
  NO_COUNTS,
  selectedIncident,
  shownAreas,
  timelineBarSteps,
  timelineFrameSteps,
  timelineSpan,
  undatedSteps,
} from "./explorer/selectors";
import { lastCall } from "./explorer/memo";
import type { IncidentFilter } from "@/lib/incident/filter";
import type { IncidentFeature } from "@/lib/incident/model";
import type { PlacedIncident } from "@/lib/incident/placed";
import { localKey, useIncidents } from "./datasets/useIncidents";
import { openSavedDataset, useLinkedDatasets } from "./datasets/useLinkedDatasets";
import { useSliced } from "./layout/useSliced";
import { useHotspots } from "./analysis/useHotspots";
import { useOpenDatasets } from "./datasets/useOpenDatasets";
import FrameBar from "./datasets/FrameBar";
import { useSession } from "./account/useSession";
import AccountBar from "./account/AccountBar";
import DatasetsPanel from "./account/DatasetsPanel";
import type { SavedTo } from "./account/SaveToServer";
import { UsersPanel } from "./account/lazy";
import PhoneBar, { type PhoneSheet } from "./layout/PhoneBar";

// @option WORLD: BBox = [-170, -58, 170, 75]
// What the map opens on when the open datasets give nothing to frame (none loaded, or none placed).
const WORLD: BBox = [-170, -58, 170, 75];

// @option PAGE_NAME: string = "Incident map"
// The heading until the datasets have said their names, and the end of the page's title.
const PAGE_NAME = "Incident map";

const NO_FEATURES: IncidentFeature[] = [];
const features = new WeakMap<readonly PlacedIncident[], IncidentFeature[]>();
/** The incidents' features, made once per array. */
function featuresOf(incidents: readonly PlacedIncident[]): IncidentFeature[] {
  let f = features.get(incidents);
  if (!f) features.set(incidents, (f = incidents.map((p) => p.feature)));
  return f;
}

export default function IncidentExplorer() {
  const { state, dispatch, fromUrl } = useExplorerStore();
  const { selectedId, layers, filter } = state;
  // The page is the same static shell for every link: the link names the datasets (?dataset=a,b&key=…).
  // Datasets switched on and off are the explorer's state; an import placed is switched on.
  const toggleDataset = useCallback((key: string, on: boolean) => dispatch({ type: "datasetToggled", key, on }), [dispatch]);
  const onImportPlaced = useCallback((key: string) => toggleDataset(key, true), [toggleDataset]);
  const { incidents, byId, imports, importsHost, open, reloadDescriptions, arrived, opened, framable, loadError, preparing } = useIncidents(useLinkedDatasets(), state.hiddenDatasets, onImportPlaced);
  const openDatasets = useOpenDatasets(open);
  const { names, context, frame } = openDatasets;
  const datasetName = names.length ? names.join(" + ") : PAGE_NAME;
  const pageTitle = names.length ? `${names.join(" + ")} — ${PAGE_NAME}` : PAGE_NAME;
  const session = useSession();
  // Bumped after a save to the server, so the datasets list reads itself again.
  const [savedCount, setSavedCount] = useState(0);
  // A layer saved to the server is shown once: the saved dataset opens, the local copy goes.
  const { remove: removeImport } = imports;
  const saveImport = useMemo(
    () => ({
      onStored: (layerId: string, saved: SavedTo) => {
        openSavedDataset(saved.dataset.slug);
        void removeImport(layerId);
        setSavedCount((n) => n + 1);
      },
      onChanged: () => setSavedCount((n) => n + 1),
    }),
    [removeImport],
  );
  // On a phone, the side panel shown as a sheet over the map (components/layout/PhoneBar.tsx).
  const [phoneSheet, setPhoneSheet] = useState<PhoneSheet | null>(null);

  // Once the datasets and this browser's imports are here, a link's incident is flown to, or said missing.
  useEffect(() => {
    if (fromUrl && arrived && imports.restored && state.link) dispatch({ type: "linkedIncidentFound", anchor: byId(state.link.selected)?.anchor ?? null });
  }, [fromUrl, arrived, imports.restored, state.link, byId, dispatch]);

  // Opening the page frames what it opened (unless the link carries a view); an import afterwards frames the
  // import, unless the whole of it is in view already.
  const knownLocal = useRef<Set<string> | null>(null);
  const viewGiven = state.view !== null;
  useEffect(() => {
    if (!framable) return;
    const local = open.filter((d) => d.kind === "local" && d.incidents !== null).map((d) => d.key);
    if (!knownLocal.current) {
      knownLocal.current = new Set(local);
      // A link's own view is kept (datasetsOpened): the frame, which sorts every anchor, is not worked out.
      const f = viewGiven ? null : frame();
      dispatch({ type: "datasetsOpened", bbox: f?.bbox ?? null, outliers: f?.outliers ?? 0 });
      return;
    }
    const added = local.filter((k) => !knownLocal.current!.has(k));
    for (const k of added) knownLocal.current.add(k);
    const f = added.length ? frame(added) : null;
    if (f && !(state.bbox && bboxWithin(state.bbox, f.bbox))) dispatch({ type: "datasetFramed", bbox: f.bbox, outliers: f.outliers });
  }, [framable, open, frame, dispatch, state.bbox, viewGiven]);
  const zoomTo = useCallback(
    (key: string) => {
      const f = frame([key]);
      if (f) dispatch({ type: "datasetFramed", bbox: f.bbox, outliers: f.outliers });
    },
    [frame, dispatch],
  );

  const wantedReference = useMemo(() => referenceInForce(state.reference, state.referenceName, openDatasets.references), [state.reference, state.referenceName, openDatasets.references]);
  const { reference, measure } = useMeasuredReference(wantedReference);
  const datasetReferenceName = openDatasets.references.find((r) => r !== null)?.name ?? null;
  // The one filtered set, so the map, the list, the count, the analysis and the export always agree.
  const { filtered, shown, inView } = useShownSet(incidents, reference, state, measure);
  // Styles from every category loaded, not the filtered view: a category keeps its colour while filtering.
  // Counted per dataset and kept (./explorer/category-counts.ts): a large import's counts come from its columns.
  const styles = useMemo(() => categoryStyles(categoryCountsOf(openDatasets.visible.map((d) => d.incidents!))), [openDatasets.visible]);
  // The panels around the map work out their data in slices after the map is drawn (components/layout/useSliced.ts):
  // when 100,000 incidents arrive the page's thread stays free, and the facets, timeline and list follow.
  const counts = useSliced(filterCountSteps, incidents, filter) ?? NO_COUNTS;
  // Only the rings and the hotspots read the features themselves: no copy of every incident otherwise.
  const analysed = layers.rings || layers.hotspots;
  const filteredFeatures = useMemo(() => (analysed ? filtered.map((p) => p.feature) : NO_FEATURES), [analysed, filtered]);
  const { result: hotspotResult } = useHotspots(filteredFeatures, state.hotspotOptions, layers.hotspots);
  const timelineFrame = useSliced(timelineFrameSteps, incidents, openDatasets.timeline);
  const span = timelineFrame ? timelineSpan({ wholeSpan: state.wholeSpan }, timelineFrame.opening, timelineFrame.full) : null;
  // The histogram counts what the filter allows but for its dates: the brush moving changes nothing in it.
  const [sameDateless] = useState(() => lastCall((text: string): IncidentFilter => JSON.parse(text)));
  const dateless = sameDateless(JSON.stringify(datelessFilter(filter)));
  const bars = useSliced(timelineBarSteps, incidents, dateless, span);
  const fullSpan = timelineFrame?.full ?? null;
  const undatedShown = useSlicedWhenLarge(filtered.length, { initial: 0 }, undatedSteps, filtered).value;
  const unplaced = useMemo(() => context.checkpoints?.features.filter((f) => f.geometry === null) ?? [], [context.checkpoints]);
  const areas = useMemo(() => shownAreas(context.areas, { contextOff: state.contextOff }), [context.areas, state.contextOff]);
  const selected = useMemo(() => selectedIncident({ selectedId }, filtered, byId), [selectedId, filtered, byId]);
  const { importedFrom } = imports;
  const selectedFrom = useMemo(() => (selected ? importedFrom(selected.feature.properties.event_id) : null), [selected, importedFrom]);

  // What a dataset's owner may make its own: the view, the reference point in force, the imports.
  // A layer's features are read when an owner makes it a context layer: a million-row import is not copied at each render.
  const localLayers = useMemo(
    () =>
      open.flatMap(({ kind, key, name, incidents }) =>
        kind === "local" && incidents
          ? [
              {
                id: key,
                name,
                get features() {
                  return featuresOf(incidents);
                },
              },
            ]
          : [],
      ),
    [open],
  );
  const pageNow = useMemo(
    () => ({
      view: state.bbox,
      reference: reference && { name: reference.properties.name, coordinates: [reference.geometry.coordinates[0], reference.geometry.coordinates[1]] as [number, number] },
      layers: localLayers,
    }),
    [state.bbox, reference, localLayers],
  );
  const select = useCallback((id: string | null) => dispatch({ type: "incidentChosen", id }), [dispatch]);
  const onViewChange = useCallback((v: ViewChange) => dispatch({ type: "mapMoved", ...v }), [dispatch]);
  const range = { from: filter.from, to: filter.to };

  return (
    <FileDrop className={phoneSheet ? `app app--sheet-${phoneSheet}` : "app"} onFiles={(files) => void imports.importFiles(files)}>
      {importsHost}
      <header className="app__header">
        <title>{pageTitle}</title>
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
        <MissingIncident id={state.missingIncident} />
        {/* The header's tools: inline on a desktop; one row that scrolls sideways on a phone, so the map keeps the screen. */}
        <div className="app__tools">
          <CopyLinkButton />
          <ExportButton
            shown={shown}
            inView={inView}
            datasets={open}
            context={{ filter, bbox: state.bbox, layers: LAYER_IDS.filter((l) => layers[l]), reference: state.reference }}
          />
        </div>
        <AccountBar session={session} />
      </header>
      <aside className="app__left">
        <LayerPanel
          layers={layers}
          onToggle={(layer, on) => dispatch({ type: "layerToggled", layer, on })}
          context={context.switches}
          contextOff={state.contextOff}
          onToggleContext={(key, on) => dispatch({ type: "contextToggled", key, on })}
          datasets={open.filter((d) => d.kind === "saved")}
          onToggleDataset={toggleDataset}
          onZoomTo={zoomTo}
          unplaced={unplaced}
          tileStatus={state.tileStatus}
        />
        <ImportPanel
          imports={imports}
          onZoomTo={(id) => zoomTo(localKey(id))}
          shown={(id) => !state.hiddenDatasets.includes(localKey(id))}
          onToggle={(id, on) => toggleDataset(localKey(id), on)}
          save={session.account && session.account.role !== "viewer" ? saveImport : null}
        />
        <DatasetsPanel account={session.account} version={savedCount} now={pageNow} onDescribed={reloadDescriptions} />
        {session.account?.role === "admin" && <UsersPanel />}
        <FilterPanel filter={filter} counts={counts} styles={styles} onChange={(f) => dispatch({ type: "filterChanged", filter: f })} />
        <Legend counts={counts.types} styles={styles} context={{ checkpoints: context.checkpoints !== null, siege: context.siege !== null }} />
      </aside>
      <main className="app__map">
        <PhoneBar sheet={phoneSheet} onSheet={setPhoneSheet} selectedId={selectedId} onCloseDetails={() => select(null)} />
        <FrameBar
          outliers={state.frameOutliers}
          canGoBack={state.previousView !== null}
          onBack={() => dispatch({ type: "previousViewRestored" })}
          place={state.place}
          onPlace={(coordinates, name) => dispatch({ type: "placeFound", coordinates, name })}
          onMeasureFromPlace={() => dispatch({ type: "placeMeasured" })}
          measuringFromPlace={state.place !== null && state.referenceName === state.place.name && state.reference?.join() === state.place.coordinates.join()}
        />
        {/* The map reads its first view once: the link's, or the frame of the datasets once they are here. */}
        {fromUrl && (state.view !== null || state.framed) ? (
          <IncidentMap
            incidents={filtered}
            styles={styles}
            checkpoints={context.checkpoints}
            siege={context.siege}
            areas={areas}
            layers={layers}
            reference={reference}
            hotspots={hotspotResult}
            onPick={state.picking ? (lng, lat) => dispatch({ type: "pointPicked", lng, lat }) : null}
            range={range}
            initialView={state.view}
            initialBbox={state.fitTo ?? WORLD}
            flyTo={state.flyTo}
            fitTo={state.fitTo}
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
          importedFrom={selectedFrom}
          referenceName={reference?.properties.name ?? null}
          onClose={() => select(null)}
          onMeasureFrom={(p) => dispatch({ type: "measuredFrom", anchor: p.anchor })}
        />
        {(layers.rings || layers.hotspots) && (
          <AnalysisPanel
            referenceName={reference?.properties.name ?? null}
            datasetReferenceName={datasetReferenceName}
            chosenReference={state.reference !== null}
            picking={state.picking}
            onPick={() => dispatch({ type: "pickToggled" })}
            onResetReference={() => dispatch({ type: "referenceReset" })}
            features={filteredFeatures}
            reference={reference}
            rings={layers.rings}
            hotspotOptions={state.hotspotOptions}
            onHotspotOptions={(options) => dispatch({ type: "hotspotOptionsChanged", options })}
            hotspots={hotspotResult}
            hotspotsOn={layers.hotspots}
          />
        )}
        {/* Right of the map on a desktop; under "Summary" on a phone (components/layout/PhoneBar.tsx). */}
        <DatasetSummaries datasets={open} filter={filter} />
        <IncidentList incidents={shown} total={incidents.length} selectedId={selectedId} onSelect={select} measured={reference !== null} />
      </aside>
      <footer className="app__bottom">
        {/* The timeline opens on the datasets' own spans, so it waits for their descriptions too. */}
        {/* A histogram missing while there is a span is still being worked out for it. */}
        {!opened || !timelineFrame || !bars || (bars.histogram === null && span !== null) ? (
          <p className="muted">{loadError ? "No timeline: the incidents could not be loaded." : "Loading the timeline…"}</p>
        ) : bars.histogram?.span ? (
          <Timeline
            histogram={bars.histogram}
            styles={styles}
            span={bars.histogram.span}
            phases={timelineFrame.phases}
            range={range}
            onRange={(r, commit) => dispatch({ type: "rangeChanged", range: r, commit })}
            undatedShown={undatedShown}
            undatedTotal={bars.undatedTotal}
            spanToggle={
              fullSpan && (state.wholeSpan || fullSpan.from !== bars.histogram.span.from || fullSpan.to !== bars.histogram.span.to)
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
