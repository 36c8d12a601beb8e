// The first-level division a point lies in, as reverse_geocoder finds it: the division of the nearest GeoNames
// place that has one, in the country that holds the point (country-coder's borders: a place over the border
// never answers), within DIVISION_RADIUS_KM. An approximation near a division's edge; no outlines are read.
import "server-only";
import { iso1A2Codes } from "@rapideditor/country-coder";
import KDBush from "kdbush";
import { distanceKm } from "../geometry";
import type { WorldPlaces } from "./places";

// @option DIVISION_RADIUS_KM: km, default 100. Farther than this from every place: no division.
export const DIVISION_RADIUS_KM = 100;

export interface PointDivision {
  /** The division's GeoNames name ("Daraa Governorate"). */
  division: string;
  /** ISO 3166-1 alpha-2 code of the division's country. */
  country: string;
}

// The search boxes grow until the nearest place found is closer than the box's half side.
const STEPS_KM = [10, 30, DIVISION_RADIUS_KM];
const KM_PER_DEGREE = 111.32;

const indexes = new WeakMap<WorldPlaces, KDBush>();

function placeIndex(places: WorldPlaces): KDBush {
  let index = indexes.get(places);
  if (!index) {
    index = new KDBush(places.count, 64, Float64Array);
    for (let i = 0; i < places.count; i++) index.add(places.lng[i], places.lat[i]);
    index.finish();
    indexes.set(places, index);
  }
  return index;
}

/** Place indices in the box of half side `km` around [lng, lat], the box cut at the poles and split at ±180°. */
function near(index: KDBush, lng: number, lat: number, km: number): number[] {
  const dLat = km / KM_PER_DEGREE;
  const dLng = Math.min(180, km / (KM_PER_DEGREE * Math.max(Math.cos((lat * Math.PI) / 180), 0.01)));
  const minY = Math.max(-90, lat - dLat);
  const maxY = Math.min(90, lat + dLat);
  const ids = index.range(Math.max(-180, lng - dLng), minY, Math.min(180, lng + dLng), maxY);
  if (lng - dLng < -180) ids.push(...index.range(lng - dLng + 360, minY, 180, maxY));
  if (lng + dLng > 180) ids.push(...index.range(-180, minY, lng + dLng - 360, maxY));
  return ids;
}

/** The division of the place nearest [lng, lat] in the point's country, or null (at sea, or no place near). */
export function divisionOfPoint(places: WorldPlaces, lng: number, lat: number): PointDivision | null {
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90) return null;
  // Every code that holds the point: a territory's own (PR) and its country's (US), as GeoNames may file either.
  const codes = new Set(iso1A2Codes([lng, lat]));
  if (codes.size === 0) return null;
  const index = placeIndex(places);
  for (const km of STEPS_KM) {
    let best = -1;
    let bestKm = Infinity;
    for (const i of near(index, lng, lat, km)) {
      if (places.division[i] < 0 || !codes.has(places.countryCodes[places.country[i]])) continue;
      const d = distanceKm([lng, lat], [places.lng[i], places.lat[i]]);
      if (d < bestKm) [best, bestKm] = [i, d];
    }
    if (best >= 0 && bestKm <= km) {
      const division = places.divisions[places.division[best]];
      return { division: division.name, country: division.country };
    }
  }
  return null;
}
