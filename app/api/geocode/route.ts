// GET /api/geocode?q=...[&limit=N]: the geocoder's FeatureCollection for q (same as the CLI prints).
// 400 with a JSON message for a missing, empty or over-long q or a bad limit; the query text is never
// reflected into HTML (the answer is JSON only).
import { NextResponse, type NextRequest } from "next/server";
import { geocode, toFeatureCollection, GeocodeInputError, MAX_LIMIT, MAX_QUERY_LENGTH } from "@/lib/geocode";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function badRequest(message: string): NextResponse {
  return NextResponse.json({ error: message }, { status: 400 });
}

export function GET(request: NextRequest): NextResponse {
  const params = request.nextUrl.searchParams;
  const q = params.get("q");
  if (q === null) return badRequest("missing query parameter q (the place text to geocode)");
  if (q.trim() === "") return badRequest("query parameter q is empty");
  if (q.length > MAX_QUERY_LENGTH) return badRequest(`query parameter q is ${q.length} characters long; the limit is ${MAX_QUERY_LENGTH}`);
  const limitParam = params.get("limit");
  let limit: number | undefined;
  if (limitParam !== null) {
    limit = Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return badRequest(`query parameter limit must be an integer from 1 to ${MAX_LIMIT}`);
  }
  try {
    const result = geocode(q, limit === undefined ? undefined : { limit });
    return NextResponse.json(toFeatureCollection(result), { headers: { "Cache-Control": "public, max-age=3600" } });
  } catch (err) {
    if (err instanceof GeocodeInputError) return badRequest(err.message);
    console.error("geocode failed", err);
    return NextResponse.json({ error: "geocoder failed; see the server log" }, { status: 500 });
  }
}
