// The besieged quarter of Daraa (Daraa al-Balad, Tariq al-Sad and the Palestinian camp) as one schematic
// polygon. No source publishes its boundary, so each vertex is an estimate placed from one sourced point
// (the al-Omari Mosque, the gazetteer's Daraa al-Balad) by what cited pages say lies around it.
import { area, booleanPointInPolygon, destination } from "@turf/turf";
import type { Polygon, Position } from "geojson";
import { roundCoordinate, roundGeometry } from "../../geo/round";
import type { GeocodeAnswer, Geocoder } from "./place";

// Pages the vertices rest on, cited in the siege feature's properties.
export const OUTLINE_SOURCES = {
  mosque: "https://de.wikipedia.org/wiki/Al-Omari-Moschee_(Dar%CA%BF%C4%81)",
  oldCity: "http://syriaphotoguide.com/daraa-%D8%AF%D8%B1%D8%B9%D8%A7",
  valley: "https://alshahidwitness.com/clashes-syrian-regime-opposition-daraa/",
  camp: "https://www.jewishvirtuallibrary.org/syria-refugee-camp-profiles",
  campRoad: "https://hlp.syria-report.com/hlp/unclear-prospects-for-the-residents-of-daraa%E2%80%99s-palestinian-refugee-camp/",
  shayyah: "https://news.snhr.org/2021/07/28/condemnation-of-syrian-regime-forces-bombardment-of-daraa-al-balad-tareeq-al-sadd-neighborhood-and-the-camps-in-daraa-and-the-displacement-of-their-residents/",
  size: "https://www.ccsd.ngo/daraa-is-a-target-again/",
} as const;

export interface OutlineVertex {
  /** Kilometres east and north of the al-Omari Mosque. */
  east_km: number;
  north_km: number;
  /** Why the vertex is here, naming the source (a key of OUTLINE_SOURCES). */
  basis: string;
  source: keyof typeof OUTLINE_SOURCES;
}

// @option VALLEY_NORTH_KM: number, kilometres, default 0.35. Where the outline takes Wadi al-Zaidi to run,
// north of the mosque: between the hilltop old city and the GeoNames point of Daraa's centre (0.74 km
// north), which lies across the valley in government-held Daraa al-Mahatta.
export const VALLEY_NORTH_KM = 0.35;

/** The outline, counter-clockwise from its north-west corner (RFC 7946 right-hand rule). */
export const SIEGE_VERTICES: readonly OutlineVertex[] = [
  { east_km: -0.75, north_km: 0.3, source: "valley", basis: "West end on Wadi al-Zaidi: al-Manshiyah, the west of Daraa al-Balad, stretches from the valley that splits al-Balad from al-Mahatta" },
  { east_km: -0.75, north_km: -0.3, source: "valley", basis: "South-west: al-Manshiyah overlooks the road to Ramtha (south-west of the city)" },
  { east_km: -0.2, north_km: -0.5, source: "shayyah", basis: "South: al-Shayyah, 'the southern plains of the Daraa al-Balad area'" },
  { east_km: 0.6, north_km: -0.4, source: "oldCity", basis: "South-east of the hilltop old city, in the south of Daraa" },
  { east_km: 1.3, north_km: -0.2, source: "campRoad", basis: "East end of Tariq al-Sad, the al-Balad neighbourhood at the camp's southern end" },
  { east_km: 1.3, north_km: 0.85, source: "camp", basis: "Camp, north-east corner: Daraa's industrial area lies to its east" },
  { east_km: 0.6, north_km: 0.85, source: "camp", basis: "Camp, north-west corner: the museum and al-Basel Park lie to its north, government premises and the central market to its west" },
  { east_km: 0.6, north_km: VALLEY_NORTH_KM, source: "camp", basis: "Camp, south-west corner: al-Zaidi valley lies to its south; west of here the valley bounds al-Balad" },
];

const at = (origin: Position, v: OutlineVertex): Position =>
  destination(destination(origin, v.east_km, 90, { units: "kilometers" }), v.north_km, 0, { units: "kilometers" }).geometry.coordinates;

/** The besieged neighbourhoods (STJ) and the gazetteer text for each. */
export const BESIEGED = [
  { name: "Daraa al-Balad", query: "Daraa al-Balad" },
  { name: "Tariq al-Sad", query: "Tariq al-Sad" },
  { name: "Daraa Camp for Palestinian Refugees", query: "Daraa camp" },
] as const;

async function pointOf(geocode: Geocoder, text: string): Promise<Position> {
  const answer: GeocodeAnswer = await geocode(text);
  const g = answer.best?.geometry;
  if (answer.status !== "resolved" || g?.type !== "Point") throw new Error(`siege outline: the geocoder gave no point for ${JSON.stringify(text)} (status "${answer.status}")`);
  return g.coordinates;
}

export interface SiegeOutline {
  polygon: Polygon;
  /** Each besieged neighbourhood's gazetteer point; the build checks each lies inside. */
  points: Record<string, Position>;
  km2: number;
  vertices: { at: Position; basis: string; source: string }[];
}

/** The outline placed from the gazetteer's Daraa al-Balad point; throws if a neighbourhood falls outside. */
export async function siegeOutline(geocode: Geocoder): Promise<SiegeOutline> {
  const mosque = await pointOf(geocode, "Daraa al-Balad");
  const ring = SIEGE_VERTICES.map((v) => at(mosque, v));
  const polygon = roundGeometry<Polygon>({ type: "Polygon", coordinates: [[...ring, ring[0]]] });
  const points: Record<string, Position> = {};
  for (const b of BESIEGED) {
    points[b.name] = await pointOf(geocode, b.query);
    if (!booleanPointInPolygon(points[b.name], polygon)) throw new Error(`siege outline: the gazetteer point of ${b.name} ${JSON.stringify(points[b.name])} lies outside the outline`);
  }
  return {
    polygon,
    points,
    km2: Math.round(area(polygon) / 1e4) / 100,
    vertices: SIEGE_VERTICES.map((v, i) => ({ at: ring[i].map(roundCoordinate), basis: v.basis, source: OUTLINE_SOURCES[v.source] })),
  };
}
