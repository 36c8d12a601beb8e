// What `import L from "leaflet"` gives in the page (next.config.js): Leaflet's names, named and as one default
// object. Unlike the UMD build's `L`, that object cannot be extended and is not set as `window.L`: a plugin that
// adds itself to `L` (Leaflet.markercluster, in bench/display) needs the full build, which bench/display uses.
export * from "./leaflet.js";
import * as L from "./leaflet.js";
export default L;
