// The explorer's state and its named transitions, in the manner of kepler.gl's reducers: a component
// dispatches what happened, `reduce` says what it means, and `historyEntry` says whether the URL records
// it. The URL is the one source of the state a link shares: `stateFromUrl` reads it, `shareableSearch`
// writes it (the parameters are lib/url/state.ts's and lib/incident/filter.ts's). Pure: no React, no window.
import type { Position } from "geojson";
import { formatUrlState, layersOn, layersParam, readLink, type LayerId, type MapView, type UrlState } from "@/lib/url/state";
import type { IncidentFilter } from "@/lib/incident/filter";
import { writeFilterParams } from "@/lib/url/filter-params";
import { queryText } from "@/lib/url/params";
import { DEFAULT_HOTSPOT_OPTIONS, type HotspotOptions } from "@/lib/analysis/hotspot-terms";
import { roundCoordinate } from "@/lib/geo/round";
import type { BBox } from "@/lib/geo/bbox";
import type { TileStatus } from "../map/OnlineTiles";

// @option SELECT_ZOOM: number = 12
// Zoom used when a link names an incident but no view.
export const SELECT_ZOOM = 12;

// @option PLACE_ZOOM: number = 11
// Zoom a place found by name is flown to: a town and its surroundings.
export const PLACE_ZOOM = 11;

export type Layers = Record<LayerId, boolean>;

export interface ExplorerState {
  // What a link shares (with `view`).
  selectedId: string | null;
  layers: Layers;
  filter: IncidentFilter;
  /** [lng, lat] distances are measured from; null for the default (lib/incident/reference.ts). */
  reference: [number, number] | null;
  /** The map's view as the URL records it: the link's until the map reports its own. */
  view: MapView | null;
  // What this page alone holds.
  /** The map's box [west, south, east, north]; null until the map reports one (nothing is shown before). */
  bbox: BBox | null;
  /** Where the app last asked the map to go (a link's incident, Back or Forward); a new object each time. */
  flyTo: MapView | null;
  /** The box the app last asked the map to fit (datasets opened or imported, "Zoom to"); a new array each time. */
  fitTo: BBox | null;
  /** The datasets that opened with the page have been framed (or the link's own view kept). */
  framed: boolean;
  /** Far-off incidents the last framing left out of the view (lib/dataset/extent.ts). */
  frameOutliers: number;
  /** The view before the app last framed a dataset, for "Back to the previous view"; null when there is none. */
  previousView: MapView | null;
  /** The name of the reference point when a place searched by name set it; null names it by its coordinates. */
  referenceName: string | null;
  /** A place found by name, offered as a reference point: [lng, lat] and its name. */
  place: { coordinates: [number, number]; name: string } | null;
  /** Context layers of kind "area" switched off, by "<dataset key>/<layer id>". */
  contextOff: readonly string[];
  /** Open datasets switched off, by key ("saved:<slug>", "local:<import id>"): the layer list, the map, the
   * export and the summary all read it. The link names the datasets it opens, not which are hidden. */
  hiddenDatasets: readonly string[];
  /** The incident the opening link named, until the dataset has said whether it holds it. */
  link: { selected: string; view: MapView | null } | null;
  /** The next click on the map picks a reference point. */
  picking: boolean;
  hotspotOptions: Readonly<Required<HotspotOptions>>;
  tileStatus: TileStatus;
  /** The timeline spans the whole dataset, not only the offensive. */
  wholeSpan: boolean;
  /** The incident the opening link named that none of the open datasets holds, so the page can say so. */
  missingIncident: string | null;
}

export type ExplorerAction =
  | { type: "incidentChosen"; id: string | null }
  | { type: "layerToggled"; layer: LayerId; on: boolean }
  | { type: "filterChanged"; filter: IncidentFilter }
  /** The timeline's range: `commit` false while the brush is dragged or playback runs. */
  | { type: "rangeChanged"; range: { from?: string; to?: string }; commit: boolean }
  | { type: "pickToggled" }
  | { type: "pointPicked"; lng: number; lat: number }
  | { type: "measuredFrom"; anchor: Position }
  | { type: "referenceReset" }
  | { type: "hotspotOptionsChanged"; options: Readonly<Required<HotspotOptions>> }
  | { type: "mapMoved"; view: MapView; bbox: BBox }
  | { type: "tilesReported"; status: TileStatus }
  | { type: "spanToggled" }
  /** The datasets the page opened with have arrived: the box that frames them (null: nothing to frame). */
  | { type: "datasetsOpened"; bbox: BBox | null; outliers: number }
  /** A dataset was imported, or its "Zoom to" pressed: the box that frames it. */
  | { type: "datasetFramed"; bbox: BBox; outliers: number }
  | { type: "previousViewRestored" }
  /** The place search found a place: the map flies there and offers it as a reference point. */
  | { type: "placeFound"; coordinates: [number, number]; name: string }
  /** "Measure from here" on the place found. */
  | { type: "placeMeasured" }
  | { type: "contextToggled"; key: string; on: boolean }
  /** A dataset switched on or off in the layer list; an import placed (or placed again) is switched on. */
  | { type: "datasetToggled"; key: string; on: boolean }
  /** Back or Forward: the URL now holds `search`. */
  | { type: "historyNavigated"; search: string }
  /** The dataset has come: the anchor of the link's incident, or null when it holds no such incident. */
  | { type: "linkedIncidentFound"; anchor: Position | null };

/** The state a query string opens (anything malformed in it is left out, as readLink does). */
export function stateFromUrl(search: string): ExplorerState {
  const { state: url, filter } = readLink(search);
  return {
    ...shared(url, filter),
    view: url.view ?? null,
    bbox: null,
    flyTo: null,
    fitTo: null,
    framed: false,
    frameOutliers: 0,
    previousView: null,
    referenceName: url.referenceName ?? null,
    place: null,
    contextOff: [],
    hiddenDatasets: [],
    link: url.selected ? { selected: url.selected, view: url.view ?? null } : null,
    picking: false,
    hotspotOptions: DEFAULT_HOTSPOT_OPTIONS,
    tileStatus: "loading",
    wholeSpan: false,
    missingIncident: null,
  };
}

/** The part of the state a link shares, from the link as readLink reads it. */
function shared(url: UrlState, filter: IncidentFilter): Pick<ExplorerState, "selectedId" | "layers" | "filter" | "reference"> {
  return { selectedId: url.selected ?? null, layers: layersOn(url.layers), filter, reference: url.reference ?? null };
}

export function reduce(state: ExplorerState, action: ExplorerAction): ExplorerState {
  switch (action.type) {
    case "incidentChosen":
      return { ...state, selectedId: action.id, missingIncident: null };
    case "layerToggled":
      return { ...state, layers: { ...state.layers, [action.layer]: action.on } };
    case "filterChanged":
      return { ...state, filter: action.filter };
    case "rangeChanged":
      return { ...state, filter: { ...state.filter, from: action.range.from, to: action.range.to } };
    case "pickToggled":
      return { ...state, picking: !state.picking };
    case "pointPicked":
      // A click means no more than six decimals (about 0.1 m), the precision exports keep.
      return { ...state, picking: false, reference: [roundCoordinate(action.lng), roundCoordinate(action.lat)], referenceName: null };
    case "measuredFrom":
      return { ...state, reference: [action.anchor[0], action.anchor[1]], referenceName: null };
    case "referenceReset":
      return { ...state, reference: null, referenceName: null };
    case "datasetsOpened":
      if (state.framed) return state;
      // A link that carries its own view keeps it.
      if (state.view || !action.bbox) return { ...state, framed: true };
      return { ...state, framed: true, fitTo: [...action.bbox], frameOutliers: action.outliers };
    case "datasetFramed":
      return { ...state, fitTo: [...action.bbox], frameOutliers: action.outliers, previousView: state.view };
    case "previousViewRestored":
      return state.previousView ? { ...state, flyTo: { ...state.previousView }, previousView: null, frameOutliers: 0 } : state;
    case "placeFound":
      return { ...state, place: { coordinates: action.coordinates, name: action.name }, flyTo: { lng: action.coordinates[0], lat: action.coordinates[1], zoom: PLACE_ZOOM } };
    case "placeMeasured":
      return state.place ? { ...state, reference: state.place.coordinates, referenceName: state.place.name } : state;
    case "contextToggled":
      return { ...state, contextOff: switched(state.contextOff, action.key, action.on) };
    case "datasetToggled":
      return { ...state, hiddenDatasets: switched(state.hiddenDatasets, action.key, action.on) };
    case "hotspotOptionsChanged":
      return { ...state, hotspotOptions: action.options };
    case "mapMoved":
      return { ...state, view: action.view, bbox: action.bbox };
    case "tilesReported":
      // Once a tile has loaded the map is online, whatever a later tile does.
      return state.tileStatus === "online" || state.tileStatus === action.status ? state : { ...state, tileStatus: action.status };
    case "spanToggled":
      return { ...state, wholeSpan: !state.wholeSpan };
    case "historyNavigated": {
      const { state: url, filter } = readLink(action.search);
      return { ...state, ...shared(url, filter), referenceName: url.referenceName ?? null, flyTo: url.view ?? state.flyTo };
    }
    case "linkedIncidentFound": {
      const { link } = state;
      if (!link) return state;
      // Only while the link's incident is still the selection: the user may have chosen another meanwhile.
      if (state.selectedId !== link.selected) return { ...state, link: null };
      if (!action.anchor) return { ...state, link: null, selectedId: null, missingIncident: link.selected };
      if (link.view) return { ...state, link: null };
      return { ...state, link: null, flyTo: { lng: action.anchor[0], lat: action.anchor[1], zoom: SELECT_ZOOM } };
    }
  }
}

/** The keys switched off, once `key` is switched on or off: the same array when nothing changes. */
function switched(off: readonly string[], key: string, on: boolean): readonly string[] {
  if (on) return off.includes(key) ? off.filter((k) => k !== key) : off;
  return off.includes(key) ? off : [...off, key];
}

/**
 * How the URL records an action: discrete choices push a history entry, so Back and Forward step through
 * them; map moves, playback and corrections replace the current one, so they never flood the history;
 * null leaves the URL alone.
 */
export function historyEntry(action: ExplorerAction): "push" | "replace" | null {
  switch (action.type) {
    case "incidentChosen":
    case "layerToggled":
    case "filterChanged":
    case "pointPicked":
    case "measuredFrom":
    case "referenceReset":
    case "placeMeasured":
      return "push";
    case "rangeChanged":
      return action.commit ? "push" : "replace";
    case "mapMoved":
    case "linkedIncidentFound":
      return "replace";
    default:
      return null;
  }
}

/** The query string (with its `?`, or "") that shares `state`; parameters in `base` that are not ours are kept. */
export function shareableSearch(state: ExplorerState, base: string): string {
  const params = new URLSearchParams(
    formatUrlState(
      { view: state.view ?? undefined, selected: state.selectedId ?? undefined, layers: layersParam(state.layers), reference: state.reference ?? undefined, referenceName: state.referenceName ?? undefined },
      base,
    ),
  );
  writeFilterParams(state.filter, params);
  return queryText(params);
}
