// A place text and its row's context (country, first- and second-level division) → the world gazetteer's
// answer: a country or a division named alone is placed on its representative point at geo_precision 3; a
// place is narrowed by the context, and namesakes that stay far apart are "ambiguous", never guessed.
import type { PlaceQuery } from "../query";
import { AMBIGUITY_KM, DOMINANT_MIN_POPULATION, DOMINANT_RATIO } from "../config";
import type { Candidate, GeocodeResult } from "../geocode";
import { distanceKm } from "../geometry";
import { countryGiven, countryNamed, type Countries } from "./countries";
import { foldDivision, foldName } from "./fold";
import type { CountryRecord } from "./format";
import { placesByKey, type WorldPlaces } from "./places";

export interface World {
  countries: Countries;
  /** The places file, loaded on first call. */
  places(): WorldPlaces;
}

type Hit = { kind: "place"; i: number } | { kind: "division"; i: number };

const point = (lng: number, lat: number): Candidate["geometry"] => ({ type: "Point", coordinates: [lng, lat] });

function countryCandidate(c: CountryRecord, matched: string): Candidate {
  return {
    type: "Feature",
    geometry: point(c.lng, c.lat),
    properties: {
      id: `country:${c.iso2}`, name: c.name, name_ar: "", kind: "country", score: 1, geo_precision: 3, source: `geonames:${c.geonameId}`, country: c.iso2,
      estimate: `the country, placed at its ${c.pointRole} ${c.pointName}`, matched,
    },
  };
}

function hitCandidate(w: WorldPlaces, h: Hit, matched: string): Candidate {
  if (h.kind === "division") {
    const d = w.divisions[h.i];
    return {
      type: "Feature",
      geometry: point(d.lng, d.lat),
      properties: {
        id: `geonames-admin1:${d.country}.${d.admin1}`, name: d.name, name_ar: "", kind: "region", score: 1, geo_precision: 3, source: `geonames:${d.geonameId}`,
        admin1: d.name, country: d.country, estimate: `a first-level division, placed at its ${d.seatRole} ${d.seatName}`, matched,
      },
    };
  }
  const i = h.i;
  const division = w.division[i] >= 0 ? w.divisions[w.division[i]].name : undefined;
  return {
    type: "Feature",
    geometry: point(w.lng[i], w.lat[i]),
    properties: {
      id: `geonames:${w.geonameId[i]}`, name: w.name[i], name_ar: "", kind: "town", score: 1, geo_precision: 1, source: `geonames:${w.geonameId[i]}`,
      ...(division ? { admin1: division } : {}), country: w.countryCodes[w.country[i]], matched,
    },
  };
}

const hitPoint = (w: WorldPlaces, h: Hit): [number, number] => (h.kind === "place" ? [w.lng[h.i], w.lat[h.i]] : [w.divisions[h.i].lng, w.divisions[h.i].lat]);
const hitCountry = (w: WorldPlaces, h: Hit) => (h.kind === "place" ? w.countryCodes[w.country[h.i]] : w.divisions[h.i].country);
const hitLabel = (w: WorldPlaces, h: Hit) => {
  const c = hitCandidate(w, h, "").properties;
  return `${c.name} (${[c.kind === "region" ? "division" : c.admin1, c.country].filter(Boolean).join(", ")})`;
};

/** Division indices a context value names (with or without its kind word), in `country` when known. */
function divisionsNamed(w: WorldPlaces, text: string, country: string | undefined): number[] {
  const found = new Set([...(w.divisionsByKey.get(foldName(text)) ?? []), ...(w.divisionsByKey.get(foldDivision(text)) ?? [])]);
  return [...found].filter((i) => !country || w.divisions[i].country === country);
}

function districtsNamed(w: WorldPlaces, text: string, country: string | undefined): Set<number> {
  const found = [...(w.districtsByKey.get(foldName(text)) ?? []), ...(w.districtsByKey.get(foldDivision(text)) ?? [])];
  return new Set(found.filter((i) => !country || w.districts[i].code.startsWith(`${country}.`)));
}

function unresolved(query: string, message: string): GeocodeResult {
  return { query, status: "unresolved", best: null, candidates: [], message };
}

/** Resolves one cleaned query against the world gazetteer; `limit` bounds the candidates returned. */
export function resolveWorld(world: World, q: PlaceQuery, limit: number): GeocodeResult {
  const notes: string[] = [];
  const given = q.country ? countryGiven(world.countries, q.country) : undefined;
  if (q.country && !given) notes.push(`country "${q.country}" is not one the gazetteer knows, so it was not used`);
  const iso = given?.iso2;
  const note = () => (notes.length ? { message: notes.join("; ") } : {});

  const named = countryNamed(world.countries, q.text);
  if (named && (!iso || named.iso2 === iso)) {
    const c = countryCandidate(named, q.text);
    return { query: q.text, status: "resolved", best: c, candidates: [c], ...note() };
  }

  const w = world.places();
  const inCountry = (i: number) => !iso || w.countryCodes[w.country[i]] === iso;
  const byKey = placesByKey(w, foldName(q.text));
  let divisions = divisionsNamed(w, q.text, iso);
  // A division called so by its own name outranks places that only have the name among their other
  // spellings (Santander, the department, over Santander de Quilichao, also called "Santander"); among places,
  // other spellings count (Köln is "Cologne" too, and far larger than Cologne, Minnesota).
  const own = byKey.own.filter(inCountry);
  let places = own.length > 0 || divisions.length === 0 ? [...own, ...byKey.alternate.filter(inCountry)] : [];

  if (q.admin1) {
    const within = divisionsNamed(w, q.admin1, iso);
    if (within.length === 0) notes.push(`admin1 "${q.admin1}" is not a first-level division the gazetteer knows${iso ? ` in ${given?.name}` : ""}, so it was not used`);
    else {
      const set = new Set(within);
      const inside = places.filter((i) => set.has(w.division[i]));
      if (foldDivision(q.admin1) === foldDivision(q.text)) {
        // The row names only its division: the division, unless a place of its own name lies in it (Kinshasa).
        const namesake = inside.filter((i) => own.includes(i));
        places = namesake;
        divisions = namesake.length > 0 ? [] : within;
      } else {
        if (inside.length > 0) places = inside;
        else if (places.length > 0) notes.push(`admin1 "${q.admin1}" holds no place so named, so it was not used`);
        divisions = divisions.filter((i) => set.has(i));
      }
    }
  }
  if (q.admin2 && places.length > 1) {
    const within = districtsNamed(w, q.admin2, iso);
    const inside = places.filter((i) => within.has(w.district[i]));
    if (inside.length > 0) places = inside;
    else notes.push(`admin2 "${q.admin2}" did not narrow the places so named`);
  }

  // A division holding a place of the same name (Kinshasa in Kinshasa) is not a rival: the place is finer.
  const holding = new Set(places.map((i) => w.division[i]));
  const hits: Hit[] = [
    ...[...places].sort((a, b) => w.population[b] - w.population[a] || w.geonameId[a] - w.geonameId[b]).map((i): Hit => ({ kind: "place", i })),
    ...divisions.filter((i) => !holding.has(i)).map((i): Hit => ({ kind: "division", i })),
  ];
  if (hits.length === 0) return unresolved(q.text, [`no place in the world gazetteer is named "${q.text}"${iso ? ` in ${given?.name}` : ""}`, ...notes].join("; "));

  const candidates = hits.slice(0, limit).map((h) => hitCandidate(w, h, q.text));
  const best = hits[0];
  const rivals = hits.slice(1).filter((h) => distanceKm(hitPoint(w, best), hitPoint(w, h)) > AMBIGUITY_KM);
  if (rivals.length === 0) return { query: q.text, status: "resolved", best: candidates[0], candidates, ...note() };

  const population = (h: Hit) => (h.kind === "place" ? w.population[h.i] : Infinity);
  const top = population(best);
  if (best.kind === "place" && top >= DOMINANT_MIN_POPULATION && rivals.every((r) => population(r) * DOMINANT_RATIO <= top)) {
    notes.push(`the largest of ${hits.length} places so named; the others are under 1/${DOMINANT_RATIO} of its population`);
    return { query: q.text, status: "resolved", best: candidates[0], candidates, ...note() };
  }
  const shown = [best, ...rivals].slice(0, 5).map((h) => hitLabel(w, h));
  const countries = new Set([best, ...rivals].map((h) => hitCountry(w, h)));
  notes.unshift(`"${q.text}" names ${rivals.length + 1} places${countries.size > 1 ? ` in ${countries.size} countries` : ""}: ${shown.join(", ")}${rivals.length + 1 > shown.length ? ", …" : ""}`);
  return { query: q.text, status: "ambiguous", best: candidates[0], candidates, ...note() };
}
