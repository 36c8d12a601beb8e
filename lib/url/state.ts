// What the URL holds, so that a copied link reopens the same view. `map=zoom/lat/lng` is the form
// OpenStreetMap uses, which researchers already paste around. The filter's parameters are lib/incident/filter.ts's.
import { parseFilterParams, type IncidentFilter } from "../incident/filter";

export const LAYER_IDS = ["incidents", "checkpoints", "siege", "rings", "hotspots"] as const;
export type LayerId = (typeof LAYER_IDS)[number];

// @option LAYER_DEFAULTS: Record<LayerId, boolean>
// What a first visit shows: the data and its context; the analysis overlays wait to be asked for.
export const LAYER_DEFAULTS: Readonly<Record<LayerId, boolean>> = { incidents: true, checkpoints: true, siege: true, rings: false, hotspots: false };

/** The layers on, from a `layers=` list (absent: the defaults). */
export function layersOn(ids: readonly LayerId[] | undefined): Record<LayerId, boolean> {
  return Object.fromEntries(LAYER_IDS.map((id) => [id, ids ? ids.includes(id) : LAYER_DEFAULTS[id]])) as Record<LayerId, boolean>;
}

/** The `layers=` list for a set of layers, or undefined when they are the defaults (the URL stays short). */
export function layersParam(layers: Readonly<Record<LayerId, boolean>>): LayerId[] | undefined {
  return LAYER_IDS.every((id) => layers[id] === LAYER_DEFAULTS[id]) ? undefined : LAYER_IDS.filter((id) => layers[id]);
}

export interface MapView {
  lng: number;
  lat: number;
  zoom: number;
}

export interface UrlState {
  view?: MapView;
  /** event_id of the selected incident. */
  selected?: string;
  /** Layers switched on; absent means the defaults. */
  layers?: LayerId[];
  /** The point distances are measured from, when not Daraa al-Balad: [lng, lat]. */
  reference?: [number, number];
}

const VIEW = /^(\d{1,2}(?:\.\d+)?)\/(-?\d{1,2}(?:\.\d+)?)\/(-?\d{1,3}(?:\.\d+)?)$/;
const MAX_ID_LENGTH = 120;

/** Reads the state from a query string; anything malformed is ignored, never thrown. */
export function parseUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const state: UrlState = {};
  const m = VIEW.exec(params.get("map") ?? "");
  if (m) {
    const [zoom, lat, lng] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (zoom >= 0 && zoom <= 20 && lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180) state.view = { lng, lat, zoom };
  }
  const selected = params.get("incident");
  if (selected && selected.length <= MAX_ID_LENGTH) state.selected = selected;
  const ref = /^(-?\d{1,3}(?:\.\d+)?),(-?\d{1,2}(?:\.\d+)?)$/.exec(params.get("ref") ?? "");
  if (ref) {
    const [lng, lat] = [Number(ref[1]), Number(ref[2])];
    if (lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90) state.reference = [lng, lat];
  }
  const layers = params.get("layers");
  if (layers !== null) {
    state.layers = LAYER_IDS.filter((id) => layers.split(",").includes(id));
  }
  return state;
}

/** Writes the state into `base` (other parameters are kept) and returns the query string with its `?`. */
export function formatUrlState(state: UrlState, base: string = ""): string {
  const params = new URLSearchParams(base);
  if (state.view) {
    const { zoom, lat, lng } = state.view;
    // Five decimals of a degree is about a metre: enough for any view.
    params.set("map", `${Math.round(zoom * 100) / 100}/${lat.toFixed(5)}/${lng.toFixed(5)}`);
  } else params.delete("map");
  if (state.selected) params.set("incident", state.selected);
  else params.delete("incident");
  if (state.layers) params.set("layers", state.layers.join(","));
  else params.delete("layers");
  if (state.reference) params.set("ref", `${state.reference[0].toFixed(6)},${state.reference[1].toFixed(6)}`);
  else params.delete("ref");
  const text = params.toString().replace(/%2F/g, "/").replace(/%2C/g, ",");
  return text ? `?${text}` : "";
}

/** The filter a page URL holds; on the page a malformed parameter is dropped, never thrown (the API says 400). */
export function safeFilter(search: string): IncidentFilter {
  try {
    return parseFilterParams(new URLSearchParams(search));
  } catch {
    return {};
  }
}
