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

const IncidentMap = dynamic(() => import("./IncidentMap"), { ssr: false, loading: MapPlaceholder });

export default IncidentMap;
