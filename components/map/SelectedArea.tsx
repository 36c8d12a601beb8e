"use client";
// The selected incident's area, when it has one. Areas are drawn only for the selection: a region-level
// incident's outline would otherwise cover the map and read as a place.
import { useMemo } from "react";
import { Polygon } from "react-leaflet";
import type { PlacedIncident } from "@/lib/incident/place";
import type { CategoryStyles } from "@/lib/display/event-style";
import { polygonLatLngs } from "./latlng";

export default function SelectedArea({ incident, styles }: { incident: PlacedIncident | null; styles: CategoryStyles }) {
  const geometry = incident?.feature.geometry;
  const positions = useMemo(
    () => (geometry && (geometry.type === "Polygon" || geometry.type === "MultiPolygon") ? polygonLatLngs(geometry) : null),
    [geometry],
  );
  if (!incident || !positions) return null;
  const color = styles.styleOf(incident.feature.properties.event_type).color;
  return (
    <Polygon
      key={incident.feature.properties.event_id}
      positions={positions}
      pathOptions={{ color, weight: 2, dashArray: "4 4", fillOpacity: 0.06 }}
      interactive={false}
      className="selected-area"
    />
  );
}
