// Browser side of the display benchmark (bundled by esbuild at bench time, see harness.ts). It measures
// the app's own incident layer, `components/map/IncidentLayer.tsx` (supercluster through lib/display/cluster.ts,
// divIcon markers diffed after every moveend), rendered by React into a real Leaflet map exactly as the
// app renders it, against Leaflet.markercluster holding one L.marker per incident.
// The incidents are generated in the page (lib/build/synth.ts + lib/incident/place.ts, the same synthetic data as the
// other benches), so the figures start with the data already in memory.
import "./leaflet-global";
import L from "leaflet";
import "leaflet.markercluster";
import { createElement } from "react";
import { createRoot, type Root } from "react-dom/client";
import { LeafletContext, createLeafletContext } from "@react-leaflet/core";
import IncidentLayer from "../../components/map/IncidentLayer";
import { toLatLng, bboxToBounds, boundsToBbox } from "../../components/map/latlng";
import { buildClusterIndex, clusterMembers, viewItems } from "../../lib/display/cluster";
import { stackPositions } from "../../lib/display/colocate";
import { categoryStyles, countCategories, EVENT_STYLES } from "../../lib/display/event-style";
import { EVENT_TYPES, type IncidentFeature } from "../../lib/incident/model";
import { placeIncidents, type PlacedIncident } from "../../lib/incident/place";
import { synthesizeIncidents, type Town } from "../../lib/build/synth";
import Supercluster from "supercluster";

export type Mode = "ours" | "markercluster";

export interface LoadResult {
  /** Start (incidents in memory) to the first frame painted with the markers, ms. */
  firstPaint: number;
  /** Sum of the Long Tasks API's `longtask` durations between start and first paint, ms. */
  blocking: number;
  /** Longest single task, ms. */
  longestTask: number;
  /** JS heap after load minus before (both after a full GC), MB; and the total after load. */
  heapDeltaMb: number;
  heapMb: number;
  /** Marker elements in the DOM after load. */
  markers: number;
}

export interface FrameResult {
  /** Intervals between successive animation frames while panning, ms. */
  intervals: number[];
  /** Ours: how many of the frames were drawn before the layer had its cluster index (from the grid). */
  beforeIndex?: number;
  /** For a drag: the redraw after the moveend at its end (JS, from the event to the markers updated), ms. */
  endMs?: number;
  /** … and from the event to the start of the next frame, which paints the redraw, ms. */
  endFrameMs?: number;
  /** For a drag followed by dragEnds: endMs of every drag, this one's first, ms (the bench takes their median). */
  ends?: number[];
  /** … and endFrameMs of every drag, ms. */
  endFrames?: number[];
  markers: number;
}

interface Memory {
  usedJSHeapSize: number;
}

// Syria, [west, south, east, north]: the app's first view when no view is in the URL.
const SYRIA: [number, number, number, number] = [35.7, 32.3, 42.4, 37.3];
const CHUNK = 100_000;
// The longest our layer may take to draw after it is given the incidents (1M takes seconds).
const LAYER_LIMIT_MS = 60_000;
// … and to draw from its cluster index, built in a worker (a million incidents: 5-20 s on this machine).
const INDEX_LIMIT_MS = 120_000;

let towns: Town[] = [];
let incidents: PlacedIncident[] = [];
let map: L.Map | null = null;
let root: Root | null = null;
// Ours: when the load began, and when the layer first drew its cluster index's markers (null before).
let loadStart = 0;
let indexAt: number | null = null;
let indexDrawn: Promise<void> = Promise.resolve();

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function gc(): void {
  const g = (globalThis as unknown as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

function heapMb(): number {
  const m = (performance as unknown as { memory?: Memory }).memory;
  return m ? m.usedJSHeapSize / 1e6 : NaN;
}

function markerCount(): number {
  return document.querySelectorAll("#map .leaflet-marker-icon").length;
}

/** The incidents as the app holds them (PlacedIncident), in chunks of 100k with seeds 1, 2, … */
function generate(count: number): number {
  incidents = [];
  for (let done = 0, seed = 1; done < count; done += CHUNK, seed++) {
    const fc = synthesizeIncidents({ count: Math.min(CHUNK, count - done), seed, towns });
    const placed = placeIncidents(fc.features as IncidentFeature[]);
    for (const p of placed) incidents.push(p);
  }
  gc();
  return incidents.length;
}

function newMap(): L.Map {
  root?.unmount();
  root = null;
  map?.remove();
  const el = document.getElementById("map")!;
  el.replaceChildren();
  // No base layer: only the incident markers are measured.
  map = L.map(el, { minZoom: 5, maxZoom: 18, keyboard: true, zoomControl: true, fadeAnimation: false });
  map.fitBounds(bboxToBounds(SYRIA));
  return map;
}

// Leaflet.markercluster's markers get the app's look: one shared divIcon per event type (the app makes one
// per marker, but markercluster only ever shows a few singles at a time).
const typeIcons = new Map<string, L.DivIcon>(
  EVENT_TYPES.map((t) => [t, L.divIcon({ className: `incident-marker incident-marker--${EVENT_STYLES[t].shape}`, iconSize: [18, 18] })]),
);

interface ClusterGroup extends L.FeatureGroup {
  addLayers(layers: L.Layer[]): this;
}
const markerClusterGroup = (L as unknown as { markerClusterGroup(options: object): ClusterGroup }).markerClusterGroup;

/** Resolves when the incident layer has finished a redraw (it writes the marker count on the container). */
function layerDrawn(container: HTMLElement): Promise<void> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe(container, { attributes: true, attributeFilter: ["data-incident-markers"] });
  });
}

/** Resolves (and sets indexAt) when the incident layer first draws from its cluster index, not the grid. */
function watchIndex(container: HTMLElement): Promise<void> {
  indexAt = null;
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (container.dataset.incidentIndex !== "clusters") return;
      indexAt = performance.now();
      observer.disconnect();
      resolve();
    });
    observer.observe(container, { attributes: true, attributeFilter: ["data-incident-index"] });
  });
}

async function load(mode: Mode): Promise<LoadResult> {
  const m = newMap();
  await frame();
  await frame();
  gc();
  const heap0 = heapMb();
  const tasks: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
  observer.observe({ type: "longtask" });
  await sleep(50);

  const t0 = performance.now();
  loadStart = t0;
  if (mode === "ours") {
    const drawn = layerDrawn(m.getContainer());
    indexDrawn = watchIndex(m.getContainer());
    root = createRoot(document.getElementById("react-root")!);
    root.render(
      createElement(LeafletContext.Provider, { value: createLeafletContext(m) },
        createElement(IncidentLayer, { incidents, selectedId: null, onSelect: () => {}, styles: categoryStyles(countCategories(incidents, (p) => p.feature.properties.event_type)) })),
    );
    // Never wait forever: from 20,000 incidents the layer's cluster index comes from a Web Worker, and a
    // worker that failed to start leaves it without one.
    let timer = 0;
    const limit = new Promise<never>((_, reject) => {
      timer = window.setTimeout(() => reject(new Error(`the incident layer drew no markers within ${LAYER_LIMIT_MS} ms (waiting for the map's data-incident-markers; ${incidents.length} incidents)`)), LAYER_LIMIT_MS);
    });
    await Promise.race([drawn, limit]).finally(() => clearTimeout(timer));
  } else {
    const group = markerClusterGroup({ chunkedLoading: false });
    group.addLayers(incidents.map((p) => L.marker(toLatLng(p.anchor), { icon: typeIcons.get(p.feature.properties.event_type)!, title: p.label })));
    m.addLayer(group);
  }
  await frame();
  await frame();
  const t1 = performance.now();

  await sleep(100);
  tasks.push(...observer.takeRecords());
  observer.disconnect();
  const inside = tasks.filter((t) => t.startTime >= t0 - 1 && t.startTime < t1);
  gc();
  const heap1 = heapMb();
  return {
    firstPaint: t1 - t0,
    blocking: inside.reduce((s, t) => s + t.duration, 0),
    longestTask: Math.max(0, ...inside.map((t) => t.duration)),
    heapDeltaMb: heap1 - heap0,
    heapMb: heap1,
    markers: markerCount(),
  };
}

/** Ours: whether the layer is drawing from the grid, its cluster index still building. */
function gridShown(): boolean {
  return map?.getContainer().dataset.incidentIndex === "grid";
}

/** Ours: waits until the layer draws from its cluster index, then for the page to settle; ms from the load's start to that draw. */
async function indexReady(): Promise<number> {
  let timer = 0;
  const limit = new Promise<never>((_, reject) => {
    timer = window.setTimeout(() => reject(new Error(`the incident layer drew no cluster index within ${INDEX_LIMIT_MS} ms (${incidents.length} incidents)`)), INDEX_LIMIT_MS);
  });
  await Promise.race([indexDrawn, limit]).finally(() => clearTimeout(timer));
  for (let i = 0; i < 5; i++) await frame();
  await sleep(200);
  return indexAt! - loadStart;
}

/** Moves the view without measuring (and waits until it has settled). */
async function setView(lng: number, lat: number, zoom: number): Promise<number> {
  map!.setView([lat, lng], zoom, { animate: false });
  for (let i = 0; i < 10; i++) await frame();
  await sleep(200);
  return markerCount();
}

/** Discrete pans: `map.panBy` without animation once per frame, so every frame fires moveend (and redraws). */
async function pan(frames: number, dx: number, dy: number): Promise<FrameResult> {
  const m = map!;
  await frame();
  const stamps: number[] = [await frame()];
  for (let i = 0; i < frames; i++) {
    m.panBy([dx, dy], { animate: false });
    stamps.push(await frame());
  }
  stamps.push(await frame());
  await sleep(100);
  const intervals = stamps.slice(1).map((t, i) => t - stamps[i]);
  return { intervals, markers: markerCount(), beforeIndex: stamps.slice(1).filter((t) => indexAt === null || t <= indexAt).length };
}

/**
 * A drag as Leaflet's Map.Drag does it: the map pane moves every frame with `move`/`drag` events and
 * `moveend` fires once at the end. Returns the frame intervals during the drag and the time from the final
 * moveend until the markers are redrawn.
 */
async function drag(frames: number, dx: number, dy: number, settleMs = 100): Promise<FrameResult> {
  const m = map! as L.Map & { _rawPanBy(offset: L.PointExpression): void };
  await frame();
  const stamps: number[] = [await frame()];
  m.fire("movestart").fire("dragstart");
  for (let i = 0; i < frames; i++) {
    m._rawPanBy([dx, dy]);
    m.fire("move").fire("drag");
    stamps.push(await frame());
  }
  const intervals = stamps.slice(1).map((t, i) => t - stamps[i]);
  const container = m.getContainer();
  const drawn = layerDrawn(container);
  const t0 = performance.now();
  m.fire("dragend", { distance: Math.hypot(dx, dy) * frames }).fire("moveend");
  // Our layer redraws in a React effect after the event; markercluster redraws inside the event.
  if (container.dataset.incidentMarkers !== undefined) await Promise.race([drawn, sleep(2000)]);
  const endMs = performance.now() - t0;
  await frame();
  const endFrameMs = performance.now() - t0;
  await sleep(settleMs);
  return { intervals, endMs, endFrameMs, markers: markerCount() };
}

/**
 * The drag's end timed `times` times more: drags as long as `drag`'s, back and forth (the first by dx, dy
 * per frame), in fewer frames, since the redraw after moveend depends on how far the view moved, not in how
 * many frames. One drag end is one figure of a few ms, which a busy moment on a shared machine can make
 * several times longer; the bench reports the median of them all.
 */
async function dragEnds(times: number, frames: number, dx: number, dy: number): Promise<{ endMs: number[]; endFrameMs: number[] }> {
  const endMs: number[] = [];
  const endFrameMs: number[] = [];
  for (let i = 0; i < times; i++) {
    const sign = i % 2 ? -1 : 1;
    // Half the first drag's pause after it: the next drag waits two frames before it starts anyway.
    const d = await drag(frames, sign * dx, sign * dy, 50);
    endMs.push(d.endMs!);
    endFrameMs.push(d.endFrameMs!);
  }
  return { endMs, endFrameMs };
}

/** Diagnostics for ours, with the data loaded: lib/display/cluster.ts's index alone, and plain supercluster. */
function indexTimes(): { buildClusterIndex: number; plainSupercluster: number } {
  // Let the app's index go first: at 1M a second one alongside it makes the build GC-bound.
  root?.unmount();
  root = null;
  gc();
  let t = performance.now();
  buildClusterIndex(incidents.map((p) => ({ anchor: p.anchor, type: p.feature.properties.event_type })));
  const ours = performance.now() - t;
  gc();
  t = performance.now();
  new Supercluster({ radius: 40, maxZoom: 16 }).load(
    incidents.map((p) => ({ type: "Feature" as const, geometry: { type: "Point" as const, coordinates: p.anchor }, properties: {} })),
  );
  const plain = performance.now() - t;
  gc();
  return { buildClusterIndex: ours, plainSupercluster: plain };
}

/**
 * What one moveend redraw of ours spends before touching the DOM, at the map's current view (warm):
 * viewItems, then clusterMembers (getLeaves of every member) for each stack in view, then stackPositions.
 */
function redrawCost(): { items: number; stacks: number; stackMembers: number; viewItemsMs: number; membersMs: number; stackPositionsMs: number } {
  const index = buildClusterIndex(incidents.map((p) => ({ anchor: p.anchor, type: p.feature.properties.event_type })));
  const bbox = boundsToBbox(map!.getBounds().pad(0.2));
  const zoom = map!.getZoom();
  const best = (fn: () => void) => {
    let min = Infinity;
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      fn();
      min = Math.min(min, performance.now() - t);
    }
    return min;
  };
  const items = viewItems(index, bbox, zoom);
  const stacks = items.filter((it) => it.kind === "cluster" && it.stack);
  const singles = items.flatMap((it) => (it.kind === "point" ? [it.index] : []));
  const result = {
    items: items.length,
    stacks: stacks.length,
    stackMembers: stacks.reduce((s, it) => s + (it.kind === "cluster" ? it.count : 0), 0),
    viewItemsMs: best(() => viewItems(index, bbox, zoom)),
    membersMs: best(() => stacks.forEach((it) => it.kind === "cluster" && clusterMembers(index, it.id))),
    stackPositionsMs: best(() => stackPositions(singles, (i) => incidents[i].anchor)),
  };
  gc();
  return result;
}

/** The idle frame interval of this browser (the refresh period the frame figures are compared with). */
async function idleFrames(n: number): Promise<number[]> {
  const stamps: number[] = [await frame()];
  for (let i = 0; i < n; i++) stamps.push(await frame());
  return stamps.slice(1).map((t, i) => t - stamps[i]);
}

/** Adds a stylesheet (for experiments, e.g. without the markers' CSS filters). */
function addCss(text: string): void {
  const style = document.createElement("style");
  style.textContent = text;
  document.head.append(style);
}

const api = {
  addCss,
  setTowns(list: Town[]) {
    towns = list;
  },
  generate,
  load,
  setView,
  gridShown,
  indexReady,
  pan,
  drag,
  dragEnds,
  indexTimes,
  redrawCost,
  idleFrames,
  heapMb,
};
export type DisplayBenchApi = typeof api;
(globalThis as unknown as { displayBench: DisplayBenchApi }).displayBench = api;
