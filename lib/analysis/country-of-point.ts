// The country a point lies in, from @rapideditor/country-coder's offline borders (about 0.7 s for 100 000
// points and 700 kB of code: callers run it in a Web Worker, components/datasets/places.worker.ts).
import { feature } from "@rapideditor/country-coder";
import type { Position } from "geojson";

/** The English name of the country `position` ([lng, lat]) lies in, or null at sea or off every border. */
export function countryOfPoint(position: Position): string | null {
  const [lng, lat] = position;
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return null;
  // Country level: a dependency's point counts for the country that holds it, as files write them.
  return feature([lng, lat], { level: "country", maxLevel: "country" })?.properties.nameEn ?? null;
}
