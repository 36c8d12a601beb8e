"use client";
// The Leaflet map and its layers. Loaded only in the browser (see components/map/MapLoader.tsx).
import { MapContainer, ScaleControl } from "react-leaflet";
import type { CheckpointCollection, SiegeCollection } from "@/lib/incident/context-layers";
import type { MapView } from "@/lib/url/state";
import type { BBox } from "@/lib/geo/bbox";
import type { PlacedIncident } from "@/lib/incident/place";
import type { CategoryStyles } from "@/lib/display/event-style";
import IncidentLayer from "./IncidentLayer";
import OfflineBaseLayer from "./OfflineBaseLayer";
import OnlineTiles, { type TileStatus } from "./OnlineTiles";
import CheckpointLayer from "./CheckpointLayer";
import SiegeLayer from "./SiegeLayer";
import ViewSync, { type ViewChange } from "./ViewSync";
import { HotspotLayer, RingsLayer } from "./lazy";
// Not lazy: a dozen lines, and a click made while its code loaded would be lost.
import PickPoint from "./PickPoint";
import SelectedUncovered from "./SelectedUncovered";
import type { Feature, FeatureCollection, Point } from "geojson";
import ContextAreaLayer from "./ContextAreaLayer";
import type { HotspotResult } from "@/lib/analysis/hotspots";
import { bboxToBounds, toLatLng } from "./latlng";

export interface IncidentMapProps {
  incidents: readonly PlacedIncident[];
  /** Styles of every category loaded (not only those shown), so colours hold while filtering. */
  styles: CategoryStyles;
  /** The open datasets' context layers: null when none of them has one of that kind. */
  checkpoints: CheckpointCollection | null;
  siege: SiegeCollection | null;
  /** Context areas switched on, drawn under everything else. */
  areas: readonly { key: string; data: FeatureCollection }[];
  layers: { incidents: boolean; checkpoints: boolean; siege: boolean; rings: boolean; hotspots: boolean };
  /** The reference point in force; null: no rings. */
  reference: Feature<Point, { name: string }> | null;
  hotspots: HotspotResult | null;
  /** When set, the next click on the map picks a reference point. */
  onPick: ((lng: number, lat: number) => void) | null;
  /** The date range in force: context layers show their state then. */
  range: { from?: string; to?: string };
  initialView: MapView | null;
  /** The box the map opens on when there is no initial view. */
  initialBbox: BBox;
  flyTo: MapView | null;
  fitTo: BBox | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onViewChange: (v: ViewChange) => void;
  onTileStatus: (s: TileStatus) => void;
}

export default function IncidentMap(props: IncidentMapProps) {
  const { initialView } = props;
  // MapContainer reads center/zoom/bounds once; later moves go through ViewSync.
  const placement = initialView
    ? { center: toLatLng([initialView.lng, initialView.lat]), zoom: initialView.zoom }
    : { bounds: bboxToBounds(props.initialBbox) };
  return (
    <MapContainer {...placement} className="map" keyboard zoomControl minZoom={2} maxZoom={18} aria-label="Map of incidents">
      <OfflineBaseLayer />
      <OnlineTiles onStatus={props.onTileStatus} />
      <ScaleControl position="bottomleft" imperial={false} />
      {props.areas.map((a) => (
        <ContextAreaLayer key={a.key} area={a.data} />
      ))}
      {props.layers.siege && props.siege && <SiegeLayer siege={props.siege} range={props.range} />}
      {props.layers.checkpoints && props.checkpoints && <CheckpointLayer checkpoints={props.checkpoints} day={props.range.to ?? null} />}
      {props.layers.rings && props.reference && <RingsLayer reference={props.reference} />}
      {props.layers.hotspots && props.hotspots && <HotspotLayer result={props.hotspots} />}
      {props.layers.incidents && (
        <IncidentLayer incidents={props.incidents} styles={props.styles} selectedId={props.selectedId} onSelect={props.onSelect} noise={props.layers.hotspots ? (props.hotspots?.noise ?? null) : null} />
      )}
      {props.onPick && <PickPoint onPick={props.onPick} />}
      <ViewSync onChange={props.onViewChange} flyTo={props.flyTo} fitTo={props.fitTo} />
      <SelectedUncovered selectedId={props.selectedId} />
    </MapContainer>
  );
}
