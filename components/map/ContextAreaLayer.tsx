"use client";
// A dataset's context area (e.g. the governorate its incidents lie in): a pale, inert fill under the markers.
import { Polygon } from "react-leaflet";
import type { FeatureCollection, MultiPolygon, Polygon as GeoPolygon } from "geojson";
import { polygonLatLngs } from "./latlng";

const isArea = (g: unknown): g is GeoPolygon | MultiPolygon => typeof g === "object" && g !== null && ["Polygon", "MultiPolygon"].includes((g as { type: string }).type);

export default function ContextAreaLayer({ area }: { area: FeatureCollection }) {
  return (
    <>
      {area.features.map((f, i) =>
        isArea(f.geometry) ? (
          <Polygon
            key={i}
            positions={polygonLatLngs(f.geometry)}
            interactive={false}
            pathOptions={{ color: "#a89f92", weight: 1.6, dashArray: "4 3", fillColor: "#fbf3dc", fillOpacity: 0.7 }}
            className="context-area"
          />
        ) : null,
      )}
    </>
  );
}
