// The place search's question to the offline geocoder (GET /api/geocode) and the reading of its answer,
// loaded on the first search (components/analysis/PlaceSearch.tsx): most visits never search a place.
import type { Geometry, Position } from "geojson";
import { geometryBbox } from "@/lib/geo/bbox";

export interface Place {
  id: string;
  name: string;
  where: string;
  coordinates: [number, number];
}

function centre(geometry: Geometry): Position {
  if (geometry.type === "Point") return geometry.coordinates;
  const [w, s, e, n] = geometryBbox(geometry);
  return [(w + e) / 2, (s + n) / 2];
}

/** The answer's candidates that can be read as places; anything else in it is left out. */
function placesOf(json: unknown): Place[] {
  const features = (json as { features?: unknown })?.features;
  if (!Array.isArray(features)) return [];
  const out: Place[] = [];
  for (const f of features as { geometry?: Geometry; properties?: Record<string, unknown> }[]) {
    const p = f?.properties;
    if (!f?.geometry || !p || typeof p.name !== "string") continue;
    const [lng, lat] = centre(f.geometry);
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) continue;
    const where = [p.admin1, p.country].filter((x): x is string => typeof x === "string" && x !== "").join(", ");
    out.push({ id: String(p.id ?? out.length), name: p.name, where, coordinates: [lng, lat] });
  }
  return out;
}

/** Up to `limit` places named `q`; throws with the server's words when it refuses. */
export async function findPlaces(q: string, limit: number): Promise<Place[]> {
  const res = await fetch(`/api/geocode?q=${encodeURIComponent(q)}&limit=${limit}`);
  const json: unknown = await res.json();
  if (!res.ok) throw new Error((json as { error?: string })?.error ?? `HTTP ${res.status}`);
  return placesOf(json);
}
