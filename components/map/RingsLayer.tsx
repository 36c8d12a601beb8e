"use client";
// Distance rings around the reference point (Turf circles), each labelled with its radius.
import { useMemo } from "react";
import L from "leaflet";
import { Marker, Polygon } from "react-leaflet";
import type { Feature, Point } from "geojson";
import { distanceRings } from "@/lib/analysis/bands";
import { toLatLng, toLatLngs } from "./latlng";
import { textElement } from "./text-element";

// One degree of latitude in kilometres (WGS 84 mean): where the label sits on each ring's northern edge.
const KM_PER_DEGREE_LAT = 111.2;

export default function RingsLayer({ reference }: { reference: Feature<Point, { name: string }> }) {
  const rings = useMemo(() => distanceRings(reference), [reference]);
  const [lng, lat] = reference.geometry.coordinates;
  return (
    <>
      {rings.features.map((ring) => (
        <Polygon
          key={ring.properties.km}
          positions={toLatLngs(ring.geometry.coordinates)}
          pathOptions={{ color: "#333", weight: 1, dashArray: "2 4", fill: false }}
          className="distance-ring"
          interactive={false}
        />
      ))}
      {rings.features.map((ring) => (
        <Marker
          key={`l${ring.properties.km}`}
          position={toLatLng([lng, lat + ring.properties.km / KM_PER_DEGREE_LAT])}
          interactive={false}
          keyboard={false}
          icon={L.divIcon({ className: "ring-label", html: textElement("ring-label__text", ring.properties.label), iconSize: undefined })}
        />
      ))}
      <Marker
        position={toLatLng([lng, lat])}
        interactive={false}
        keyboard={false}
        icon={L.divIcon({ className: "reference-marker", iconSize: [14, 14], html: textElement("visually-hidden", `Reference point: ${reference.properties.name}`) })}
      />
    </>
  );
}
