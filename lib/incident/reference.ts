// The reference point that every distance in the project is measured from, declared once.
import type { Feature, Point, Position } from "geojson";

// @option DEFAULT_REFERENCE_NAME: string = "Daraa al-Balad"
// How the page names the default reference point ("12.3 km from Daraa al-Balad").
export const DEFAULT_REFERENCE_NAME = "Daraa al-Balad";

// @option DARAA_AL_BALAD: Feature<Point>
// The al-Omari Mosque at the heart of Daraa al-Balad, the besieged old town: 32°36′44″N 36°6′3″E
// (German Wikipedia, "Al-Omari-Moschee (Darʿā)", https://de.wikipedia.org/wiki/Al-Omari-Moschee_(Dar%CA%BF%C4%81)).
// The mosque was the neighbourhood's landmark and gathering place, so analysts read distances from it.
export const DARAA_AL_BALAD: Feature<Point, { name: string; name_ar: string; source: string }> = {
  type: "Feature",
  geometry: { type: "Point", coordinates: [36.100833, 32.612222] },
  properties: {
    name: `${DEFAULT_REFERENCE_NAME} (al-Omari Mosque)`,
    name_ar: "درعا البلد",
    source: "https://de.wikipedia.org/wiki/Al-Omari-Moschee_(Dar%CA%BF%C4%81)",
  },
};

/** A reference point as a link or a pick gives it: [lng, lat], or null for the default. */
export type ReferencePoint = readonly [number, number] | null;

export type ReferenceFeature = Feature<Point, { name: string }>;

const DEFAULT_REFERENCE: ReferenceFeature = { ...DARAA_AL_BALAD, properties: { name: DEFAULT_REFERENCE_NAME } };

/**
 * The point distances are measured from, with the name the page shows for it: Daraa al-Balad for null,
 * else the point named by its coordinates (4 decimals, about 10 m: what a click on the map can mean).
 */
export function referenceFeature(reference: ReferencePoint): ReferenceFeature {
  if (!reference) return DEFAULT_REFERENCE;
  const [lng, lat] = reference;
  const coordinates: Position = [lng, lat];
  return { type: "Feature", geometry: { type: "Point", coordinates }, properties: { name: `${lat.toFixed(4)}° N, ${lng.toFixed(4)}° E` } };
}
