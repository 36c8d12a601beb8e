// Distance bands around a reference point: the ring outlines drawn on the map and the count of incidents
// and fatalities in each band, for the table or bar chart beside it.
//
// Pure and synchronous; GeoJSON in, GeoJSON (or plain rows) out; inputs are never changed. The reference
// defaults to Daraa al-Balad (lib/incident/reference.ts, declared there once with its source) and can be any other
// point the user picks: another incident's marker anchor, or a click on the map.
import { circle } from "@turf/turf";
import type { Feature, FeatureCollection, Point, Polygon } from "geojson";
import { exactDistanceKm } from "../incident/distance";
import type { IncidentFeature } from "../incident/model";
import { DARAA_AL_BALAD } from "../incident/reference";

// @option DEFAULT_BANDS_KM: readonly number[] = [5, 10, 25, 50]
// The ring radii in kilometres, ascending, following the offensive's geography from Daraa al-Balad: 5 km the
// city, 10 km its outskirts, 25 km the western and northern fronts (Tafas 14.3 km, Sheikh Maskin 24.5 km),
// 50 km most of the governorate (Jasim 42.3 km); one open band "50 km +" beyond, so every incident has a band.
export const DEFAULT_BANDS_KM: readonly number[] = [5, 10, 25, 50];

// Sequential, dark near the reference and lighter outwards (ColorBrewer OrRd, 5 classes, reversed), so the
// rings read as "closer = hotter" and stay ordered in greyscale. The open outer band is neutral grey.
const RING_PALETTE = ["#b30000", "#e34a33", "#fc8d59", "#fdbb84", "#fdd49e"] as const;
const BEYOND_COLOR = "#969696";

/** Turf's own default for `circle`: 64 vertices look round at every zoom the app offers. */
const DEFAULT_STEPS = 64;

export interface DistanceRingProperties {
  /** The ring's radius, kilometres (the outer edge of the band that ends there). */
  km: number;
  /** E.g. "5 km". */
  label: string;
  /** simplestyle-spec, so the ring looks right in any GeoJSON viewer too. */
  stroke: string;
  "stroke-width": number;
  "stroke-opacity": number;
  /** 0: a ring is an outline; a filled disc would hide the incidents under it. */
  "fill-opacity": number;
}

export interface DistanceRingsOptions {
  /** Vertices per ring (Turf's `circle` steps). Default 64. */
  steps?: number;
}

/** One row of the band table: incidents whose distance d satisfies fromKm <= d < toKm. */
export interface BandRow {
  fromKm: number;
  /** Infinity for the open band beyond the last ring (JSON writes it as null). */
  toKm: number;
  /** "0–5 km", …, "50 km +". */
  label: string;
  incidents: number;
  /** Sum of the members' `fatalities`. */
  fatalities: number;
  /** The members' event_ids, in input order. */
  ids: string[];
  /**
   * How many of the members are precise only to a region (geo_precision 3). Their distance is to the
   * region's nearest point, often 0 (the reference lies inside "Daraa Governorate"), so they swell the
   * inner band without having happened there; the table can show them apart.
   */
  regionPrecision: number;
  /** The colour of the ring that closes the band (grey for the open band), for a matching bar. */
  color: string;
}

/**
 * Ring outlines around `reference`, one Polygon per band edge, made with Turf's `circle` (geodesic:
 * every vertex is exactly `km` from the reference along the sphere).
 *
 * @param reference the centre, e.g. DARAA_AL_BALAD or a point the user picked
 * @param bandsKm ring radii, kilometres, strictly ascending and positive; default DEFAULT_BANDS_KM
 * @param options `steps`: vertices per ring, default 64
 * @returns a FeatureCollection of Polygons with `{ km, label }` and simplestyle stroke properties,
 *   innermost first (draw them in this order and the outer ring does not hide the inner labels)
 */
export function distanceRings(
  reference: Feature<Point>,
  bandsKm: readonly number[] = DEFAULT_BANDS_KM,
  options: DistanceRingsOptions = {},
): FeatureCollection<Polygon, DistanceRingProperties> {
  const centre = referenceCoordinates(reference);
  checkBands(bandsKm);
  const steps = options.steps ?? DEFAULT_STEPS;
  if (!Number.isInteger(steps) || steps < 3) throw new Error(`distanceRings: steps must be an integer >= 3, got ${steps}`);
  return {
    type: "FeatureCollection",
    features: bandsKm.map((km, i) =>
      // Properties are passed explicitly: given a Feature centre and no `properties`, Turf's `circle`
      // would hand the reference's own properties object to every ring (shared, not copied).
      circle<DistanceRingProperties>([centre[0], centre[1]], km, {
        steps,
        units: "kilometers",
        properties: {
          km,
          label: `${formatKm(km)} km`,
          stroke: ringColor(i, bandsKm.length),
          "stroke-width": 2,
          "stroke-opacity": 0.9,
          "fill-opacity": 0,
        },
      }),
    ),
  };
}

/**
 * How many incidents, and how many fatalities, lie in each distance band around `reference`.
 *
 * Bands are half-open, [fromKm, toKm): an incident exactly on an edge belongs to the band that starts
 * there, so 5.0 km is counted in "5–10 km", never in "0–5 km", and 0 km (the reference itself, or an
 * area containing it) is in the first band. Each incident is in exactly one row, so the rows add up to
 * the input.
 *
 * The distance is `exactDistanceKm` (lib/incident/distance.ts), not the one-decimal figure the UI shows:
 * rounding first would push 4.95–4.99 km into "5–10 km". So an incident listed as "5.0 km" may sit in
 * "0–5 km" or in "5–10 km"; the band is the truth and the label is rounded.
 *
 * @param incidents the incidents to count; never changed
 * @param reference the point distances are measured from; default DARAA_AL_BALAD
 * @param bandsKm ring radii, kilometres, strictly ascending and positive; default DEFAULT_BANDS_KM
 * @returns one row per band, nearest first, plus the open band beyond the last ring (rows with no
 *   incidents are kept, so a chart's axis does not jump when a filter empties a band)
 * @throws if an incident's geometry gives no finite distance (invalid coordinates)
 */
export function bandCounts(
  incidents: readonly IncidentFeature[],
  reference: Feature<Point> = DARAA_AL_BALAD,
  bandsKm: readonly number[] = DEFAULT_BANDS_KM,
): BandRow[] {
  referenceCoordinates(reference);
  checkBands(bandsKm);
  const rows: BandRow[] = [];
  for (let i = 0; i <= bandsKm.length; i++) {
    const fromKm = i === 0 ? 0 : bandsKm[i - 1];
    const toKm = i < bandsKm.length ? bandsKm[i] : Infinity;
    rows.push({
      fromKm,
      toKm,
      label: toKm === Infinity ? `${formatKm(fromKm)} km +` : `${formatKm(fromKm)}–${formatKm(toKm)} km`,
      incidents: 0,
      fatalities: 0,
      ids: [],
      regionPrecision: 0,
      color: i < bandsKm.length ? ringColor(i, bandsKm.length) : BEYOND_COLOR,
    });
  }
  for (const incident of incidents) {
    const km = exactDistanceKm(incident.geometry, reference);
    if (!Number.isFinite(km)) {
      throw new Error(`bandCounts: no distance for ${incident.properties.event_id} (invalid coordinates?)`);
    }
    const row = rows[bandIndex(km, bandsKm)];
    row.incidents++;
    row.fatalities += incident.properties.fatalities;
    row.ids.push(incident.properties.event_id);
    if (incident.properties.geo_precision === 3) row.regionPrecision++;
  }
  return rows;
}

/**
 * The index of the band holding `km` in `bandCounts`' rows: the first ring with km < ring, else the open
 * band (bandsKm.length). Half-open bands, so a distance equal to a ring's radius is outside that ring.
 */
export function bandIndex(km: number, bandsKm: readonly number[] = DEFAULT_BANDS_KM): number {
  for (let i = 0; i < bandsKm.length; i++) if (km < bandsKm[i]) return i;
  return bandsKm.length;
}

function referenceCoordinates(reference: Feature<Point>): number[] {
  const c = reference?.geometry?.type === "Point" ? reference.geometry.coordinates : undefined;
  if (!c || !Number.isFinite(c[0]) || !Number.isFinite(c[1])) throw new Error("reference must be a Feature<Point> with finite coordinates");
  return c;
}

// Rejected rather than sorted: unsorted or repeated radii are almost certainly a mistake in the caller,
// and silently reordering them would make the rows disagree with what the caller passed.
function checkBands(bandsKm: readonly number[]): void {
  for (let i = 0; i < bandsKm.length; i++) {
    const km = bandsKm[i];
    if (!Number.isFinite(km) || km <= 0 || (i > 0 && km <= bandsKm[i - 1])) {
      throw new Error(`bandsKm must be positive and strictly ascending, got [${bandsKm.join(", ")}]`);
    }
  }
}

// Spread the palette over however many rings there are, so 2 rings are dark and light, not dark and darker.
function ringColor(i: number, n: number): string {
  const last = RING_PALETTE.length - 1;
  return RING_PALETTE[n <= 1 ? 0 : Math.round((i * last) / (n - 1))];
}

// 5 -> "5", 2.5 -> "2.5": radii are written as the caller gave them, no trailing ".0".
function formatKm(km: number): string {
  return String(km);
}
