// What the page says about hotspots without computing any: the options and their defaults, the note on
// region-precision incidents. Apart from ./hotspots.ts so the page's first load carries neither DBSCAN nor
// the hull code (the clustering runs in a Web Worker), and free of Turf (./hotspot-label.ts places labels).

export interface HotspotOptions {
  /** DBSCAN's neighbourhood radius (maxDistance), kilometres; a neighbour exactly at it counts. Default 2. */
  radiusKm?: number;
  /** Least number of incidents, the incident itself included, within radiusKm of a core incident. Default 3. */
  minPoints?: number;
}

// @option DEFAULT_HOTSPOT_OPTIONS: { radiusKm: 2, minPoints: 3 }
// radiusKm 2: geo_precision 2 means "near" a place, typically within a couple of kilometres, and the
// towns of the Hauran plain stand some 3–5 km apart. 2 km therefore groups what was coded to one town and
// its quarters (Daraa al-Balad and the Daraa city point are 0.8 km apart) without chaining neighbouring
// towns into one blob. minPoints 3 is Turf's default: two incidents in one place can be coincidence,
// three are a pattern worth an outline.
export const DEFAULT_HOTSPOT_OPTIONS: Readonly<Required<HotspotOptions>> = Object.freeze({ radiusKm: 2, minPoints: 3 });

/** What the UI says about region-precision incidents, next to the Hotspots overlay. */
export const REGION_PRECISION_NOTE =
  "Incidents known only to a region (geo_precision 3) are not clustered: their position on the map stands for a whole area, " +
  "so they are listed apart and never counted in a hotspot.";
