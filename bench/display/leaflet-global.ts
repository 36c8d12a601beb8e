// Leaflet.markercluster is a UMD script that extends the global `L`; this module runs before it is imported.
import L from "leaflet";

(globalThis as unknown as { L: typeof L }).L = L;
