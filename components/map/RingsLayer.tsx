"use client";
// Distance rings around the reference point (Turf circles), each labelled with its radius.
import { useMemo } from "react";
import L from "leaflet";
import { Marker, Polygon } from "react-leaflet";
import { distanceRings } from "@/lib/analysis/bands";
import type { ReferenceFeature } from "@/lib/incident/reference";
import { toLatLng, toLatLngs } from "./latlng";
import { textElement } from "./text-element";

// One degree of latitude in kilometres (WGS 84 mean): where the label sits on each ring's northern edge.
const KM_PER_DEGREE_LAT = 111.2;

export default function RingsLayer({ reference }: { reference: ReferenceFeature }) {
  // Rings, labels and icons once per reference point, not on every render.
  const drawn = useMemo(() => {
    const [lng, lat] = reference.geometry.coordinates;
    return {
      centre: toLatLng([lng, lat]),
      centreIcon: L.divIcon({ className: "reference-marker", iconSize: [14, 14], html: textElement("visually-hidden", `Reference point: ${reference.properties.name}`) }),
      rings: distanceRings(reference).features.map((ring) => ({
        km: ring.properties.km,
        positions: toLatLngs(ring.geometry.coordinates),
        labelAt: toLatLng([lng, lat + ring.properties.km / KM_PER_DEGREE_LAT]),
        label: L.divIcon({ className: "ring-label", html: textElement("ring-label__text", ring.properties.label), iconSize: undefined }),
      })),
    };
  }, [reference]);
  return (
    <>
      {drawn.rings.map((ring) => (
        <Polygon key={ring.km} positions={ring.positions} pathOptions={{ color: "#333", weight: 1, dashArray: "2 4", fill: false }} className="distance-ring" interactive={false} />
      ))}
      {drawn.rings.map((ring) => (
        <Marker key={`l${ring.km}`} position={ring.labelAt} interactive={false} keyboard={false} icon={ring.label} />
      ))}
      <Marker position={drawn.centre} interactive={false} keyboard={false} icon={drawn.centreIcon} />
    </>
  );
}
