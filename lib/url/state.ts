// What the URL holds, so that a copied link reopens the same view. `map=zoom/lat/lng` is the form
// OpenStreetMap uses, which researchers already paste around. The filter's parameters are
// lib/url/filter-params.ts's; the rules all parameters follow are lib/url/params.ts's.
import type { IncidentFilter } from "../incident/filter";
import { readFilterParams } from "./filter-params";
import { queryText, type DroppedParam } from "./params";
import { readDatasetParams, type DatasetSelection } from "./dataset-params";
import { hasControlCharacter } from "../rules/text";

// @option LAYER_DEFAULTS: Record<LayerId, boolean>
// The page's own layers, in the order the panel and a link list them, each with what a first visit shows:
// the data and its context; the analysis overlays wait to be asked for.
export const LAYER_DEFAULTS = { incidents: true, checkpoints: true, siege: true, rings: false, hotspots: false } as const satisfies Record<string, boolean>;
export type LayerId = keyof typeof LAYER_DEFAULTS;
export const LAYER_IDS = Object.keys(LAYER_DEFAULTS) as readonly LayerId[];

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
  /** The reference point's name when a place searched by name set it (`refname=`); only with `reference`. */
  referenceName?: string;
}

const VIEW = /^(\d{1,2}(?:\.\d+)?)\/(-?\d{1,2}(?:\.\d+)?)\/(-?\d{1,3}(?:\.\d+)?)$/;
const REF = /^(-?\d{1,3}(?:\.\d+)?),(-?\d{1,2}(?:\.\d+)?)$/;
const MAX_ID_LENGTH = 120;
// @option MAX_NAME_LENGTH: number = 120, in characters as a reader counts them: a place's name in a link.
const MAX_NAME_LENGTH = 120;

/** Why a link's place name cannot be shown, or null when it can: trimmed, short, without control characters. */
function placeNameIssue(name: string): string | null {
  if (name.trim() !== name) return "must not begin or end with blanks";
  if (hasControlCharacter(name)) return "must not contain control characters";
  if ([...name].length > MAX_NAME_LENGTH) return `longer than ${MAX_NAME_LENGTH} characters`;
  return null;
}

/** The view, selection, layers and reference of a query string, and what of them was left out and why. */
export function readUrlState(search: string): { state: UrlState; dropped: DroppedParam[] } {
  const params = new URLSearchParams(search);
  const state: UrlState = {};
  const dropped: DroppedParam[] = [];
  const drop = (field: string, value: string, reason: string) => dropped.push({ field, value, reason });
  const map = params.get("map");
  if (map !== null && map !== "") {
    const m = VIEW.exec(map);
    const [zoom, lat, lng] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [NaN, NaN, NaN];
    if (zoom >= 0 && zoom <= 20 && lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180) state.view = { lng, lat, zoom };
    else drop("map", map, "must be zoom/lat/lng with zoom 0–20");
  }
  const selected = params.get("incident");
  if (selected && selected.length <= MAX_ID_LENGTH) state.selected = selected;
  else if (selected) drop("incident", selected, `longer than ${MAX_ID_LENGTH} characters`);
  const refText = params.get("ref");
  if (refText !== null && refText !== "") {
    const ref = REF.exec(refText);
    const [lng, lat] = ref ? [Number(ref[1]), Number(ref[2])] : [NaN, NaN];
    if (lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90) state.reference = [lng, lat];
    else drop("ref", refText, "must be lng,lat");
  }
  const refName = params.get("refname");
  if (refName !== null && refName !== "") {
    const issue = state.reference ? placeNameIssue(refName) : "names a reference point only with ref=lng,lat";
    if (issue === null) state.referenceName = refName;
    else drop("refname", refName, issue);
  }
  const layers = params.get("layers");
  if (layers !== null) {
    const names = layers.split(",").filter((id) => id !== "");
    state.layers = LAYER_IDS.filter((id) => names.includes(id));
    const unknown = names.filter((id) => !(LAYER_IDS as readonly string[]).includes(id));
    if (unknown.length) drop("layers", layers, `unknown layer ${unknown.map((u) => JSON.stringify(u)).join(", ")}; expected some of ${LAYER_IDS.join(", ")}`);
  }
  return { state, dropped };
}

/** Reads the state from a query string; anything malformed is ignored, never thrown. */
export function parseUrlState(search: string): UrlState {
  return readUrlState(search).state;
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
  if (state.reference && state.referenceName) params.set("refname", state.referenceName);
  else params.delete("refname");
  return queryText(params);
}

/** The filter a page URL holds; on the page a malformed parameter is dropped, never thrown (the API says 400). */
export function safeFilter(search: string): IncidentFilter {
  return readFilterParams(new URLSearchParams(search)).filter;
}

/**
 * Everything a page link holds, read leniently: each parameter on its own, the bad ones listed in
 * `dropped`. `datasets` are the datasets the page shows as layers (`dataset=`, with `key=`); `named` says
 * whether the link names them or the default stands.
 */
export function readLink(search: string): { state: UrlState; filter: IncidentFilter; datasets: DatasetSelection & { named: boolean }; dropped: DroppedParam[] } {
  const { state, dropped } = readUrlState(search);
  const params = new URLSearchParams(search);
  const filterParams = readFilterParams(params);
  const datasetParams = readDatasetParams(params);
  const named = !!params.get("dataset") && !datasetParams.dropped.some((d) => d.field === "dataset");
  return { state, filter: filterParams.filter, datasets: { ...datasetParams.selection, named }, dropped: [...dropped, ...filterParams.dropped, ...datasetParams.dropped] };
}

/** One line for the page: `fatal=bogus (must be "some" (at least one) or "none")`, each dropped parameter in turn. */
export function describeDropped(dropped: readonly DroppedParam[]): string {
  const short = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return dropped.map((d) => `${d.field}=${short(d.value)} (${d.reason})`).join("; ");
}
