"use client";
// A place searched by name over the offline geocoder (GET /api/geocode: Syria's gazetteer, then the world's):
// choosing one flies the map there, and offers it as the reference point. Names are data: React text only.
import { useState } from "react";
import type { Geometry, Position } from "geojson";
import { geometryBbox } from "@/lib/geo/bbox";

interface Place {
  id: string;
  name: string;
  where: string;
  coordinates: [number, number];
}

// @option PLACE_RESULTS: number = 5
// Candidates listed for a search.
const PLACE_RESULTS = 5;

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

export default function PlaceSearch({ onPlace }: { onPlace: (coordinates: [number, number], name: string) => void }) {
  const [text, setText] = useState("");
  const [found, setFound] = useState<Place[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const search = async () => {
    const q = text.trim();
    if (!q) return;
    setMessage("Searching…");
    try {
      const res = await fetch(`/api/geocode?q=${encodeURIComponent(q)}&limit=${PLACE_RESULTS}`);
      const json: unknown = await res.json();
      if (!res.ok) throw new Error((json as { error?: string })?.error ?? `HTTP ${res.status}`);
      const places = placesOf(json);
      setFound(places);
      setMessage(places.length ? null : `No place called “${q}” in the offline gazetteer.`);
      if (places.length === 1) onPlace(places[0].coordinates, places[0].name);
    } catch (err) {
      setFound(null);
      setMessage(`The place search failed: ${(err as Error).message}`);
    }
  };

  return (
    <div className="place-search">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <input type="search" value={text} onChange={(e) => setText(e.target.value)} aria-label="Search a place" placeholder="Search a place" maxLength={200} />
        <button type="submit" className="secondary-button">
          Find
        </button>
      </form>
      {message && (
        <p className="muted" role="status">
          {message}
        </p>
      )}
      {found && found.length > 1 && (
        <ul className="place-search__results" aria-label="Places found">
          {found.map((p) => (
            <li key={p.id}>
              <button type="button" className="link-button" onClick={() => onPlace(p.coordinates, p.name)}>
                {p.name}
                {p.where ? `, ${p.where}` : ""}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
