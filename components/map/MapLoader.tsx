"use client";
// The single client-only loader for Leaflet: Leaflet touches `window` on import, so the map is never
// rendered on the server (the explorer renders it only once the URL has been read, after hydration). Its
// code is handed here before hydration by instrumentation-client.ts, which only the browser runs.
import type { IncidentMapProps } from "./IncidentMap";

/** What stands in the map's place until it is drawn. */
export function MapPlaceholder() {
  return (
    <div className="map map--loading" role="status">
      Loading map…
    </div>
  );
}

type MapModule = typeof import("./IncidentMap");

let loaded: MapModule | null = null;

/** The map's module, once, in the browser before hydration. */
export function mapCodeArrived(module: MapModule): void {
  loaded = module;
}

/** The map, drawn in the first render that asks for it: its code is here since before hydration. */
export default function IncidentMap(props: IncidentMapProps) {
  if (!loaded) throw new Error("the map's code: not loaded before hydration (instrumentation-client.ts)");
  const Map = loaded.default;
  return <Map {...props} />;
}
