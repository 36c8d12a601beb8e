// Runs in the browser before the page hydrates (Next's client instrumentation hook). The map's code (Leaflet,
// which cannot run on the server) is imported here so it comes with the page's first scripts: every visit
// draws the map, and a dynamic import asked for it only once hydration reached the map, a round trip later.
import * as incidentMap from "./components/map/IncidentMap";
import { mapCodeArrived } from "./components/map/MapLoader";

mapCodeArrived(incidentMap);
