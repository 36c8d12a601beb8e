"use client";
// The bundled world base map (Natural Earth outlines, GeoNames town labels), drawn in panes beneath the tile
// pane: where OpenStreetMap tiles load they cover it, where they fail it shows through. It is cut into tiles
// by zoom (lib/basemap/tiles.ts); the layer loads the tiles under the view as it moves, each once.
import { useEffect } from "react";
import L from "leaflet";
import { useMap } from "react-leaflet";
import type { Feature, FeatureCollection } from "geojson";
import { collectionShapeIssues, GeoJSONValidationError } from "@/lib/incident/shape";
import { tilePath, tilesForView, tileTowns, type BBox, type TileKey, type TileTown } from "@/lib/basemap/tiles";
import { textElement } from "./text-element";
import { toLatLng } from "./latlng";

// Leaflet's tile pane sits at z-index 200; these go under it.
const FILL_PANE = "basemap-fill";
const LABEL_PANE = "basemap-labels";
// A static string: attribution text goes to innerHTML.
const ATTRIBUTION = "Offline base map: Natural Earth; towns: GeoNames (CC BY 4.0)";

/** One tile of the base map, checked as Leaflet needs it before Leaflet sees it (the tiles are built and
 *  checked as GeoJSON with the repository: tests/unit/basemap-tiles.test.ts). */
async function fetchTile(tile: TileKey): Promise<FeatureCollection> {
  const res = await fetch(`/api/basemap/tile?z=${tile.z}&x=${tile.x}&y=${tile.y}`);
  if (!res.ok) throw new Error(`base map tile ${tilePath(tile)}: HTTP ${res.status}`);
  const body: unknown = await res.json();
  const issues = collectionShapeIssues(body);
  if (issues.length) throw new GeoJSONValidationError(issues, `base map tile ${tilePath(tile)}`);
  return body as FeatureCollection;
}

const LINE_STYLE: Record<string, L.PathOptions> = {
  border: { color: "#8a8174", weight: 1.2 },
  admin1: { color: "#a89f92", weight: 0.8, dashArray: "4 3" },
};

/** A drawn town label, for decluttering. */
interface Label {
  marker: L.Marker;
  town: TileTown;
  /** Its place in its tile's list (most prominent first). */
  order: number;
}

// A label's box in px, guessed from its length (11–13 px text): enough to keep labels from overprinting.
const CHAR_WIDTH = 6.5;
const LABEL_HEIGHT = 16;

/**
 * Shows the labels that fit: most prominent first (rank, then each tile's order), a label is hidden when its
 * box overlaps one already shown. Villages (rank 3) stay hidden until zoom 10, as the stylesheet says.
 */
function declutter(map: L.Map, labels: readonly Label[]): void {
  const zoom = Math.round(map.getZoom());
  const placed: [number, number, number, number][] = [];
  const sorted = [...labels].sort((a, b) => a.town.rank - b.town.rank || a.order - b.order);
  for (const { marker, town } of sorted) {
    const el = marker.getElement();
    if (!el) continue;
    let show = !(town.rank === 3 && zoom <= 9);
    if (show) {
      const p = map.latLngToContainerPoint(marker.getLatLng());
      const half = (town.name.length * (town.rank === 1 ? CHAR_WIDTH + 1 : CHAR_WIDTH)) / 2;
      const box: [number, number, number, number] = [p.x - half, p.y - LABEL_HEIGHT / 2, p.x + half, p.y + LABEL_HEIGHT / 2];
      show = !placed.some((q) => box[0] < q[2] && box[2] > q[0] && box[1] < q[3] && box[3] > q[1]);
      if (show) placed.push(box);
    }
    el.style.display = show ? "" : "none";
  }
}

/** A tile's land, borders and town labels as one Leaflet group. */
function drawTile(fc: FeatureCollection, renderers: { land: L.Renderer; lines: L.Renderer }, labels: Label[]): L.LayerGroup {
  const group = L.layerGroup();
  const land = fc.features.filter((f) => f.properties?.kind === "land");
  const lines = fc.features.filter((f) => f.properties?.kind === "border" || f.properties?.kind === "admin1");
  L.geoJSON({ type: "FeatureCollection", features: land } as FeatureCollection, {
    pane: FILL_PANE,
    renderer: renderers.land,
    interactive: false,
    // No stroke: a tile's land is clipped at its edges; the coast is the fill's edge against the sea.
    style: (f) => ({ stroke: false, fillColor: f?.properties?.iso === "SY" ? "#f4f0e6" : "#e6e2d8", fillOpacity: 1 }),
  } as L.GeoJSONOptions).addTo(group);
  L.geoJSON({ type: "FeatureCollection", features: lines } as FeatureCollection, {
    pane: FILL_PANE,
    renderer: renderers.lines,
    interactive: false,
    style: (f) => ({ ...LINE_STYLE[String(f?.properties?.kind)], fill: false }),
  } as L.GeoJSONOptions).addTo(group);
  for (const f of fc.features as Feature[]) {
    tileTowns(f).forEach((town, order) => {
      const marker = L.marker(toLatLng(town.position), {
        pane: LABEL_PANE,
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: `town-label town-label--rank${town.rank}`, html: textElement("town-label__text", town.name), iconSize: undefined }),
      }).addTo(group);
      labels.push({ marker, town, order });
    });
  }
  return group;
}

function setZoomClass(map: L.Map): void {
  map.getContainer().dataset.zoom = String(Math.round(map.getZoom()));
}

function viewBounds(map: L.Map): BBox {
  const b = map.getBounds();
  return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
}

export default function OfflineBaseLayer() {
  const map = useMap();

  useEffect(() => {
    for (const [name, z] of [[FILL_PANE, 150], [LABEL_PANE, 160]] as const) {
      if (!map.getPane(name)) map.createPane(name).style.zIndex = String(z);
    }
    map.getPane(LABEL_PANE)!.style.pointerEvents = "none";
    map.attributionControl?.addAttribution(ATTRIBUTION);
    // Lines get their own renderer, added second, so every tile's borders lie over every tile's land.
    const renderers = { land: L.svg({ pane: FILL_PANE }).addTo(map), lines: L.svg({ pane: FILL_PANE }).addTo(map) };
    const data = new Map<string, Promise<FeatureCollection>>();
    const drawn = new Map<string, { group: L.LayerGroup; labels: Label[] }>();
    const relabel = () => declutter(map, [...drawn.values()].flatMap((d) => d.labels));
    let cancelled = false;
    let ready = false;

    const update = () => {
      setZoomClass(map);
      const wanted = tilesForView(viewBounds(map), map.getZoom());
      const keys = new Set(wanted.map(tilePath));
      for (const [key, d] of drawn) {
        if (!keys.has(key)) {
          d.group.remove();
          drawn.delete(key);
        }
      }
      relabel();
      const loads = wanted.map((tile) => {
        const key = tilePath(tile);
        let load = data.get(key);
        if (!load) {
          load = fetchTile(tile);
          data.set(key, load);
          // A failed tile is asked for again on the next move.
          load.catch(() => data.delete(key));
        }
        return load.then((fc) => {
          if (cancelled || drawn.has(key) || !keys.has(key) || tilesForView(viewBounds(map), map.getZoom()).every((t) => tilePath(t) !== key)) return;
          const labels: Label[] = [];
          drawn.set(key, { group: drawTile(fc, renderers, labels).addTo(map), labels });
          relabel();
        });
      });
      Promise.all(loads)
        .then(() => {
          if (cancelled || ready) return;
          ready = true;
          map.getContainer().dataset.basemap = "ready";
        })
        .catch((err: unknown) => {
          if (cancelled) return;
          console.error(err);
          if (!ready) map.getContainer().dataset.basemap = "failed";
        });
    };
    map.on("moveend", update);
    update();

    return () => {
      cancelled = true;
      map.off("moveend", update);
      for (const d of drawn.values()) d.group.remove();
      renderers.land.remove();
      renderers.lines.remove();
      map.attributionControl?.removeAttribution(ATTRIBUTION);
    };
  }, [map]);

  return null;
}
