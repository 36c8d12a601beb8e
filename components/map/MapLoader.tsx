"use client";
// The single client-only loader for Leaflet: Leaflet touches `window` on import, so the map is never
// rendered on the server (the explorer renders it only once the URL has been read, after hydration).
import { useEffect, useState } from "react";
import type { IncidentMapProps } from "./IncidentMap";

/** What stands in the map's place until it is drawn; `error` when its code could not be loaded. */
export function MapPlaceholder({ error = null }: { error?: string | null }) {
  return (
    <div className="map map--loading" role="status">
      {error ? <span className="error">The map could not be loaded: {error}</span> : "Loading map…"}
    </div>
  );
}

type MapModule = typeof import("./IncidentMap");

// Every visit draws the map: its code starts loading with the page's, beside the incidents' download, rather
// than once they have arrived and the map is first rendered.
let loaded: MapModule | null = null;
const loading: Promise<MapModule> | null = typeof window === "undefined" ? null : import("./IncidentMap").then((m) => (loaded = m));
// A failure is told by the map's placeholder once it is rendered, not as an unhandled rejection meanwhile.
loading?.catch(() => undefined);

/**
 * The map, drawn in the same render as soon as its code is here. Not through next/dynamic: React.lazy
 * suspends on the first render even when the code has long arrived, and React holds back the content that
 * replaces a Suspense fallback for up to 300 ms (its fallback throttle), which the first marker waited for.
 */
export default function IncidentMap(props: IncidentMapProps) {
  const [map, setMap] = useState<MapModule | null>(loaded);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (map || !loading) return;
    let live = true;
    loading.then(
      (m) => live && setMap(m),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [map]);
  if (!map) return <MapPlaceholder error={error} />;
  const Map = map.default;
  return <Map {...props} />;
}
