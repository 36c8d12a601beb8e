"use client";
// The single client-only loader for Leaflet: Leaflet touches `window` on import, so the map is never
// rendered on the server.
import dynamic from "next/dynamic";

const IncidentMap = dynamic(() => import("./map/IncidentMap"), {
  ssr: false,
  loading: () => <div className="map map--loading" role="status">Loading map…</div>,
});

export default IncidentMap;
