"use client";
// A place searched by name over the offline geocoder (GET /api/geocode: Syria's gazetteer, then the world's):
// choosing one flies the map there, and offers it as the reference point. Names are data: React text only.
// Only the form is in the page's first load; the lookup itself (./place-lookup.ts) comes with the first search.
import { useState } from "react";
import type { Place } from "./place-lookup";

// @option PLACE_RESULTS: number = 5
// Candidates listed for a search.
const PLACE_RESULTS = 5;

export default function PlaceSearch({ onPlace }: { onPlace: (coordinates: [number, number], name: string) => void }) {
  const [text, setText] = useState("");
  const [found, setFound] = useState<Place[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const search = async () => {
    const q = text.trim();
    if (!q) return;
    setMessage("Searching…");
    try {
      // The lookup's code comes with the first search (./place-lookup.ts), while "Searching…" shows.
      const { findPlaces } = await import("./place-lookup");
      const places = await findPlaces(q, PLACE_RESULTS);
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
