"use client";
// Road incidents drawn whole, as dashed lines in their type's colour, beneath the markers: one layer per
// set of incidents, built imperatively (a road network can be thousands of lines).
import { useEffect } from "react";
import L from "leaflet";
import { useMap } from "react-leaflet";
import type { PlacedIncident } from "@/lib/incident/place";
import type { CategoryStyles } from "@/lib/display/event-style";
import { toLatLngs } from "./latlng";

export default function RoadLines({ incidents, styles }: { incidents: readonly PlacedIncident[]; styles: CategoryStyles }) {
  const map = useMap();
  useEffect(() => {
    const lines = L.layerGroup();
    for (const p of incidents) {
      const g = p.feature.geometry;
      if (g.type !== "LineString") continue;
      const color = styles.styleOf(p.feature.properties.event_type).color;
      L.polyline(toLatLngs(g.coordinates), { color, weight: 3, dashArray: "6 4", interactive: false }).addTo(lines);
    }
    lines.addTo(map);
    return () => {
      lines.remove();
    };
  }, [map, incidents, styles]);
  return null;
}
