"use client";
// The single client-only loader for Leaflet: Leaflet touches `window` on import, so the map is never
// rendered on the server.
import dynamic from "next/dynamic";

/** What stands in the map's place until it is drawn. */
export function MapPlaceholder() {
  return (
    <div className="map map--loading" role="status">
      Loading map…
    </div>
  );
}

// Every visit draws the map: its code starts loading with the page's, beside the incidents' download, rather
// than once they have arrived and the map is first rendered.
const loadMap = () => import("./IncidentMap");
if (typeof window !== "undefined") void loadMap();

const IncidentMap = dynamic(loadMap, { ssr: false, loading: MapPlaceholder });

export default IncidentMap;
