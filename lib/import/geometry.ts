// What geojson-validation does not check about an incident's geometry: the four geometry types the map
// draws, empty and unclosed rings (geojson-validation 1.0.2 throws a TypeError on an empty ring, so rings
// are checked before it runs), finite coordinates (JSON's 1e400 parses to Infinity), ranges, and
// latitude/longitude written the wrong way round where one row alone shows it (a latitude beyond ±90 whose
// longitude fits); whether a whole file is swapped is judged per file by the mapping step, never against an
// expected region. (0, 0) is refused: it is how files write a missing position. Clockwise rings are accepted
// (rewound on export).
import GJV from "geojson-validation";
import type { IncidentGeometry } from "../incident/model";
import { showValue } from "../incident/validate";

export interface GeometryIssue {
  /** Where inside the geometry: "coordinates[0][3]"; "" for the geometry itself. */
  path: string;
  value: string;
  message: string;
}

export type GeometryCheck = { ok: true; geometry: IncidentGeometry } | { ok: false; issue: GeometryIssue };

const TYPES = ["Point", "LineString", "Polygon", "MultiPolygon"] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const fail = (path: string, value: unknown, message: string): GeometryCheck => ({ ok: false, issue: { path, value: showValue(value), message } });
// A position as text: showValue (JSON) would print Infinity as null, hiding the very problem reported.
const showPosition = (pos: readonly unknown[]) => `[${pos.map((v) => (typeof v === "number" ? String(v) : showValue(v))).join(",")}]`;

/** Why [lng, lat] cannot be an incident position, or null when it can. Checks finiteness, (0, 0), swaps and range. */
export function positionProblem(lng: unknown, lat: unknown): string | null {
  if (typeof lng !== "number" || typeof lat !== "number" || !Number.isFinite(lng) || !Number.isFinite(lat)) {
    return "coordinates must be finite numbers (a value such as 1e400 reads as Infinity)";
  }
  // Swapped only when the swap is a position: latitude 329.9 is a typo, not a longitude.
  if (Math.abs(lat) > 90 && Math.abs(lat) <= 180 && Math.abs(lng) <= 90) {
    return `latitude ${lat} is beyond ±90 while longitude ${lng} is not: probably swapped (GeoJSON positions are [longitude, latitude])`;
  }
  if (lng < -180 || lng > 180) return `longitude ${lng} is outside -180..180`;
  if (lat < -90 || lat > 90) return `latitude ${lat} is outside -90..90`;
  if (lng === 0 && lat === 0) return "(0, 0) is a point in the ocean off Africa: files write it for a missing position";
  return null;
}

/** Rings of a polygon: at least one, none empty, four positions or more, first equal to last. */
function ringProblem(rings: unknown, path: string): GeometryCheck | null {
  if (!Array.isArray(rings)) return fail(path, rings, "a polygon's coordinates must be an array of rings");
  if (rings.length === 0) return fail(path, rings, "the polygon has no rings");
  for (let r = 0; r < rings.length; r++) {
    const ring: unknown = rings[r];
    const at = `${path}[${r}]`;
    if (!Array.isArray(ring)) return fail(at, ring, "a ring must be an array of positions");
    if (ring.length === 0) return fail(at, ring, "the ring is empty");
    if (ring.length < 4) return fail(at, ring, `a ring needs at least 4 positions (the first repeated last); this one has ${ring.length}`);
    const first: unknown = ring[0];
    const last: unknown = ring[ring.length - 1];
    if (!Array.isArray(first) || !Array.isArray(last)) continue; // geojson-validation names the bad position
    if (first.length !== last.length || first.some((v, i) => v !== last[i])) {
      return fail(at, [first, last], "the ring is not closed: its last position must repeat its first");
    }
  }
  return null;
}

// A copy, so the imported incident shares no array with the caller's objects (a geocoder's cache, say).
const copyCoords = (c: unknown): unknown => (Array.isArray(c) ? c.map(copyCoords) : c);

function* positions(coords: unknown, path: string): Generator<[unknown[], string]> {
  if (!Array.isArray(coords)) return;
  if (coords.length > 0 && !Array.isArray(coords[0])) {
    yield [coords, path];
    return;
  }
  for (let i = 0; i < coords.length; i++) yield* positions(coords[i], `${path}[${i}]`);
}

/**
 * Checks one geometry from the file; on success returns a fresh `{ type, coordinates }` (foreign members
 * dropped). `positions: false` checks its structure only (finite numbers, not ranges, swaps or (0, 0)): a
 * reader passes a swapped point on for the mapping to read and flag (lib/import/mapping/apply.ts).
 */
export function checkGeometry(geometry: unknown, { positions: judge = true }: { positions?: boolean } = {}): GeometryCheck {
  if (geometry === null || geometry === undefined) return fail("", geometry, "the feature has no geometry; an incident needs a place");
  if (!isObject(geometry)) return fail("", geometry, "must be a GeoJSON geometry object");
  if ("crs" in geometry) return fail("crs", geometry.crs, "a crs member is not allowed (RFC 7946: WGS 84 longitude/latitude only)");
  const type = geometry.type;
  if (!(TYPES as readonly unknown[]).includes(type)) {
    return fail("type", type, `geometry type must be one of ${TYPES.join(", ")}`);
  }
  const coords = geometry.coordinates;
  if (type === "Polygon") {
    const p = ringProblem(coords, "coordinates");
    if (p) return p;
  } else if (type === "MultiPolygon") {
    if (!Array.isArray(coords)) return fail("coordinates", coords, "a MultiPolygon's coordinates must be an array of polygons");
    if (coords.length === 0) return fail("coordinates", coords, "the MultiPolygon has no polygons");
    for (let i = 0; i < coords.length; i++) {
      const p = ringProblem(coords[i], `coordinates[${i}]`);
      if (p) return p;
    }
  }
  let trace: string[];
  try {
    trace = GJV.valid({ type: "Feature", properties: {}, geometry }, true);
  } catch (err) {
    return fail("", geometry, `malformed geometry (${err instanceof Error ? err.message : String(err)})`);
  }
  if (trace.length > 0) return fail("", geometry, trace[0]);
  for (const [pos, path] of positions(coords, "coordinates")) {
    const problem = pos.slice(2).some((v) => typeof v !== "number" || !Number.isFinite(v))
      ? "an altitude must be a finite number"
      : judge
        ? positionProblem(pos[0], pos[1])
        : pos.slice(0, 2).every((v) => typeof v === "number" && Number.isFinite(v))
          ? null
          : "coordinates must be finite numbers (a value such as 1e400 reads as Infinity)";
    if (problem) return { ok: false, issue: { path, value: showPosition(pos), message: problem } };
  }
  return { ok: true, geometry: { type, coordinates: copyCoords(coords) } as IncidentGeometry };
}
