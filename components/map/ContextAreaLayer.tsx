"use client";
// A dataset's context layer (e.g. the governorate its incidents lie in, or the areas, roads and places its
// owner added): pale, inert shapes under the markers.
import { CircleMarker, Polygon, Polyline } from "react-leaflet";
import type { FeatureCollection, Geometry } from "geojson";
import { polygonLatLngs, toLatLng, toLatLngs } from "./latlng";

const AREA = { color: "#a89f92", weight: 1.6, dashArray: "4 3", fillColor: "#fbf3dc", fillOpacity: 0.7 };
const LINE = { color: "#8a8175", weight: 2, dashArray: "4 3" };
const PLACE = { color: "#8a8175", weight: 1.5, fillColor: "#fbf3dc", fillOpacity: 0.9 };

function Shape({ geometry }: { geometry: Geometry | null }) {
  switch (geometry?.type) {
    case "Polygon":
    case "MultiPolygon":
      return <Polygon positions={polygonLatLngs(geometry)} interactive={false} pathOptions={AREA} className="context-area" />;
    case "LineString":
      return <Polyline positions={toLatLngs(geometry.coordinates)} interactive={false} pathOptions={LINE} className="context-area" />;
    case "MultiLineString":
      return <Polyline positions={toLatLngs(geometry.coordinates)} interactive={false} pathOptions={LINE} className="context-area" />;
    case "Point":
      return <CircleMarker center={toLatLng(geometry.coordinates)} radius={4} interactive={false} pathOptions={PLACE} className="context-area" />;
    case "MultiPoint":
      return (
        <>
          {geometry.coordinates.map((c, i) => (
            <CircleMarker key={i} center={toLatLng(c)} radius={4} interactive={false} pathOptions={PLACE} className="context-area" />
          ))}
        </>
      );
    default:
      return null;
  }
}

export default function ContextAreaLayer({ area }: { area: FeatureCollection }) {
  return (
    <>
      {area.features.map((f, i) => (
        <Shape key={i} geometry={f.geometry} />
      ))}
    </>
  );
}
