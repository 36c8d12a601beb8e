"use client";
// The bundled base map (Natural Earth outlines, GeoNames town labels), drawn in panes beneath the tile
// pane: where OpenStreetMap tiles load they cover it, where they fail it shows through.
import { useEffect } from "react";
import L from "leaflet";
import { useMap } from "react-leaflet";
import type { FeatureCollection } from "geojson";
import { featureCollectionIssues, GeoJSONValidationError } from "@/lib/incident/validate";
import { textElement } from "./text-element";
import { toLatLng } from "./latlng";

// Leaflet's tile pane sits at z-index 200; these go under it.
const FILL_PANE = "basemap-fill";
const LABEL_PANE = "basemap-labels";
// A static string: attribution text goes to innerHTML.
const ATTRIBUTION = "Offline base map: Natural Earth; towns: GeoNames (CC BY 4.0)";

// @option DEFAULT_TOWN_RANK: 1 | 2 | 3 = 3
// The label class of a town whose `rank` (geodata/basemap/README.md) is missing or not 1–3: the least
// prominent, shown only close in.
const DEFAULT_TOWN_RANK = 3;

/** A layer of the base map, checked as GeoJSON before Leaflet sees it. */
async function fetchLayer(name: string): Promise<FeatureCollection> {
  const res = await fetch(`/api/basemap/${name}`);
  if (!res.ok) throw new Error(`base map layer ${name}: HTTP ${res.status}`);
  const body: unknown = await res.json();
  const issues = featureCollectionIssues(body);
  if (issues.length) throw new GeoJSONValidationError(issues, `base map layer ${name}`);
  return body as FeatureCollection;
}

/** A town's label text and size class, or null when it has no name to show. */
function townLabel(properties: unknown): { name: string; rank: number } | null {
  const p = (properties ?? {}) as { name?: unknown; rank?: unknown };
  if (typeof p.name !== "string" || !p.name) return null;
  const rank = p.rank === 1 || p.rank === 2 || p.rank === 3 ? p.rank : DEFAULT_TOWN_RANK;
  return { name: p.name, rank };
}

function setZoomClass(map: L.Map): void {
  map.getContainer().dataset.zoom = String(Math.round(map.getZoom()));
}

export default function OfflineBaseLayer() {
  const map = useMap();

  useEffect(() => {
    for (const [name, z] of [[FILL_PANE, 150], [LABEL_PANE, 160]] as const) {
      if (!map.getPane(name)) map.createPane(name).style.zIndex = String(z);
    }
    map.getPane(LABEL_PANE)!.style.pointerEvents = "none";
    const group = L.layerGroup().addTo(map);
    map.attributionControl?.addAttribution(ATTRIBUTION);
    let cancelled = false;
    const onZoom = () => setZoomClass(map);
    map.on("zoomend", onZoom);
    setZoomClass(map);

    Promise.all([fetchLayer("countries"), fetchLayer("governorates"), fetchLayer("towns")])
      .then(([countries, governorates, towns]) => {
        if (cancelled) return;
        // Vectors in these panes use their own renderer so they stay under the tiles.
        const renderer = L.svg({ pane: FILL_PANE });
        L.geoJSON(countries, {
          pane: FILL_PANE,
          renderer,
          interactive: false,
          style: (f) => ({
            color: "#8a8174",
            weight: 1.2,
            fillColor: f?.properties?.iso === "SY" ? "#f4f0e6" : "#e6e2d8",
            fillOpacity: 1,
          }),
        } as L.GeoJSONOptions).addTo(group);
        L.geoJSON(governorates, {
          pane: FILL_PANE,
          renderer,
          interactive: false,
          style: (f) => ({
            color: "#a89f92",
            weight: f?.properties?.code === "SY-DR" ? 1.6 : 0.8,
            dashArray: "4 3",
            fillColor: "#fbf3dc",
            fillOpacity: f?.properties?.code === "SY-DR" ? 0.7 : 0,
          }),
        } as L.GeoJSONOptions).addTo(group);
        for (const town of towns.features) {
          const label = townLabel(town.properties);
          if (town.geometry?.type !== "Point" || !label) continue;
          const { name, rank } = label;
          L.marker(toLatLng(town.geometry.coordinates), {
            pane: LABEL_PANE,
            interactive: false,
            keyboard: false,
            icon: L.divIcon({ className: `town-label town-label--rank${rank}`, html: textElement("town-label__text", name), iconSize: undefined }),
          }).addTo(group);
        }
        map.getContainer().dataset.basemap = "ready";
      })
      .catch((err: unknown) => {
        console.error(err);
        map.getContainer().dataset.basemap = "failed";
      });

    return () => {
      cancelled = true;
      map.off("zoomend", onZoom);
      group.remove();
      map.attributionControl?.removeAttribution(ATTRIBUTION);
    };
  }, [map]);

  return null;
}
