"use client";
// Hotspot outlines with their count, fatalities and date span; details in a React popup (escaped text).
import { useMemo } from "react";
import L from "leaflet";
import { Marker, Polygon, Popup } from "react-leaflet";
import type { HotspotResult } from "@/lib/analysis/hotspots";
import { hotspotLabelPosition } from "@/lib/analysis/hotspot-label";
import { toLatLng, toLatLngs } from "./latlng";
import { textElement } from "./text-element";

export default function HotspotLayer({ result }: { result: HotspotResult }) {
  // Outlines, label positions and label icons once per result, not on every render.
  const hotspots = useMemo(
    () =>
      result.hotspots.features.map((h) => ({
        h,
        positions: toLatLngs(h.geometry.coordinates),
        labelAt: toLatLng(hotspotLabelPosition(h)),
        label: L.divIcon({ className: "hotspot-label", html: textElement("hotspot-label__text", `${h.properties.id}: ${h.properties.count}`), iconSize: undefined }),
      })),
    [result],
  );
  return (
    <>
      {hotspots.map(({ h, positions }) => {
        const p = h.properties;
        const span = p.from ? (p.to && p.to !== p.from ? `${p.from} – ${p.to}` : p.from) : "no dated member";
        return (
          <Polygon key={p.id} positions={positions} pathOptions={{ color: "#6a3d9a", weight: 2, fillColor: "#6a3d9a", fillOpacity: 0.12 }} className="hotspot-area">
            <Popup>
              <div className="context-popup" data-hotspot={p.id}>
                <strong>Hotspot {p.id}</strong>
                <div>{p.count} incidents, {p.fatalities} fatalities</div>
                <div>{span}</div>
                {p.precision_note && <div className="muted">{p.precision_note}</div>}
              </div>
            </Popup>
          </Polygon>
        );
      })}
      {hotspots.map(({ h, labelAt, label }) => (
        <Marker key={`n${h.properties.id}`} position={labelAt} interactive={false} keyboard={false} icon={label} />
      ))}
    </>
  );
}
