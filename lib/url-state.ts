// What the URL holds, so that a copied link reopens the same view. `map=zoom/lat/lng` is the form
// OpenStreetMap uses, which researchers already paste around. The filter's parameters are lib/filter.ts's.
import { parseFilterParams, type IncidentFilter } from "./filter";

export const LAYER_IDS = ["incidents", "checkpoints", "siege"] as const;
export type LayerId = (typeof LAYER_IDS)[number];

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
