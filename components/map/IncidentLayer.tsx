"use client";
// Incident markers, built imperatively once per dataset (not per render): one keyboard-focusable marker
// per incident, styled by event type, fanned out where incidents share a coordinate. Road and area
// incidents also draw their geometry, so the marker is not read as the whole story.
import { useEffect, useRef } from "react";
import L from "leaflet";
import { useMap } from "react-leaflet";
import type { PlacedIncident } from "@/lib/place";
import { EVENT_STYLES } from "@/lib/event-style";
import { fanOffset } from "@/lib/colocate";
import { toLatLng, toLatLngs } from "./latlng";

// @option MARKER_SIZE: number = 18
// Marker width and height in pixels; large enough to hit with a finger.
const MARKER_SIZE = 18;

interface Props {
  incidents: readonly PlacedIncident[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

function markerIcon(p: PlacedIncident): L.DivIcon {
  const style = EVENT_STYLES[p.feature.properties.event_type];
  const [dx, dy] = fanOffset(p.stack[0], p.stack[1]);
  return L.divIcon({
    className: `incident-marker incident-marker--${style.shape} incident-marker--gp${p.feature.properties.geo_precision}`,
    iconSize: [MARKER_SIZE, MARKER_SIZE],
    // Moving the anchor moves the icon by (dx, dy) on screen while the marker keeps its true coordinate.
    iconAnchor: [MARKER_SIZE / 2 - dx, MARKER_SIZE / 2 - dy],
  });
}

export default function IncidentLayer({ incidents, selectedId, onSelect }: Props) {
  const map = useMap();
  const markers = useRef(new Map<string, L.Marker>());
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    const group = L.layerGroup();
    const shapes = L.layerGroup();
    const byId = new Map<string, L.Marker>();
    for (const p of incidents) {
      const id = p.feature.properties.event_id;
      const style = EVENT_STYLES[p.feature.properties.event_type];
      const geometry = p.feature.geometry;
      if (geometry.type === "LineString") {
        L.polyline(toLatLngs(geometry.coordinates), { color: style.color, weight: 3, dashArray: "6 4", interactive: false }).addTo(shapes);
      } else if (geometry.type === "Polygon" || geometry.type === "MultiPolygon") {
        const rings = geometry.type === "Polygon" ? toLatLngs(geometry.coordinates) : geometry.coordinates.map((poly) => toLatLngs(poly));
        L.polygon(rings, { color: style.color, weight: 1, dashArray: "2 4", fillOpacity: 0.04, interactive: false }).addTo(shapes);
      }
      if (p.stack[1] > 1 && p.stack[0] === 0) {
        // The true position of a fanned-out stack.
        L.circleMarker(toLatLng(p.anchor), { radius: 3, color: "#222", weight: 1, fillOpacity: 1, interactive: false }).addTo(shapes);
      }
      const marker = L.marker(toLatLng(p.anchor), { icon: markerIcon(p), title: p.label, keyboard: true, riseOnHover: true });
      marker.on("click", () => onSelectRef.current(id));
      marker.on("keypress", (e) => {
        const key = (e as L.LeafletKeyboardEvent).originalEvent.key;
        if (key === "Enter" || key === " ") onSelectRef.current(id);
      });
      marker.on("add", () => {
        const el = marker.getElement();
        if (!el) return;
        // Attributes and CSS properties are set as values, never parsed as markup.
        el.setAttribute("aria-label", p.label);
        el.dataset.eventId = id;
        el.style.setProperty("--c", style.color);
      });
      marker.addTo(group);
      byId.set(id, marker);
    }
    shapes.addTo(map);
    group.addTo(map);
    markers.current = byId;
    return () => {
      group.remove();
      shapes.remove();
      markers.current = new Map();
    };
  }, [map, incidents]);

  useEffect(() => {
    for (const [id, marker] of markers.current) {
      const el = marker.getElement();
      if (!el) continue;
      const on = id === selectedId;
      el.classList.toggle("is-selected", on);
      el.setAttribute("aria-pressed", String(on));
      marker.setZIndexOffset(on ? 1000 : 0);
    }
  }, [selectedId, incidents]);

  return null;
}
