// POST /api/geocode/divisions {points: [[lng, lat], …]}: the first-level division of each point, in order,
// from its nearest GeoNames place in the same country (lib/geocode/world/divisions.ts), as
// {divisions: [{division, country, countryName} | null, …]} (countryName: the point's country as the page
// names countries, lib/analysis/country-of-point.ts). The page's summaries ask it for incidents whose file
// names no division. 413 over MAX_DIVISION_POINTS points or MAX_DIVISION_BYTES; 400 naming the first bad point and its value.
import { NextResponse, type NextRequest } from "next/server";
import { MAX_DIVISION_BYTES, MAX_DIVISION_POINTS } from "@/lib/geocode";
import { countryOfPoint } from "@/lib/analysis/country-of-point";
import { defaultWorld, divisionOfPoint } from "@/lib/geocode/world";
import { ApiError, readObject } from "@/lib/server/body";
import { logFailure } from "@/lib/server/failure-log";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

class PointsError extends Error {
  constructor(readonly status: 400 | 413, readonly field: string, readonly value: unknown, reason: string) {
    super(`${field}: ${reason}`);
  }
}

/** A value as the refusal shows it: short, a list or object described rather than copied back (a pair one level deep). */
function shown(v: unknown, depth = 0): unknown {
  if (Array.isArray(v)) return v.length === 2 && depth === 0 ? v.map((x) => shown(x, 1)) : `a list of ${v.length}`;
  if (typeof v === "object" && v !== null) return "an object";
  if (typeof v === "string" && v.length > 40) return `${v.slice(0, 37)}...`;
  return v === undefined ? null : v;
}

const inRange = (v: unknown, limit: number): v is number => typeof v === "number" && Number.isFinite(v) && Math.abs(v) <= limit;

/** The body's points, checked: 400 naming the first bad one, 413 for too many. */
function bodyPoints(body: Record<string, unknown>): [number, number][] {
  const list = body.points;
  if (!Array.isArray(list)) throw new PointsError(400, "points", shown(list), "must be a list of [longitude, latitude]");
  if (list.length > MAX_DIVISION_POINTS) throw new PointsError(413, "points", shown(list), `${list.length} points; the limit is ${MAX_DIVISION_POINTS} per request`);
  return list.map((p: unknown, i) => {
    if (!Array.isArray(p) || p.length !== 2 || !inRange(p[0], 180) || !inRange(p[1], 90)) {
      throw new PointsError(400, `points[${i}]`, shown(p), "must be [longitude, latitude]: two numbers, longitude from -180 to 180, latitude from -90 to 90");
    }
    return [p[0], p[1]];
  });
}

export async function POST(request: NextRequest): Promise<NextResponse> {
  // Same origin only (the page's summaries): no CORS header, and nothing cached.
  const headers = { "cache-control": "no-store" };
  try {
    const points = bodyPoints(await readObject(request, MAX_DIVISION_BYTES));
    const places = points.length > 0 ? defaultWorld().places() : null;
    const divisions = places === null ? [] : points.map(([lng, lat]) => {
      const found = divisionOfPoint(places, lng, lat);
      // Named with the point's own country: a point over the border from its file's country is in the neighbour's division.
      return found && { ...found, countryName: countryOfPoint([lng, lat]) };
    });
    return NextResponse.json({ divisions }, { headers });
  } catch (err) {
    if (err instanceof PointsError) return NextResponse.json({ error: err.message, field: err.field, value: err.value }, { status: err.status, headers });
    if (err instanceof ApiError) return NextResponse.json({ error: err.message, field: err.field }, { status: err.status, headers });
    logFailure("POST /api/geocode/divisions", err);
    return NextResponse.json({ error: "division lookup failed; see the server log" }, { status: 500, headers });
  }
}
