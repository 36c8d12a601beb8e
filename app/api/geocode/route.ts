// GET /api/geocode?q=...[&limit=N]: the geocoder's FeatureCollection for q (same as the CLI prints).
// 400 with a JSON message for a missing, empty, over-long or control-character q, a bad limit, or either
// given twice (lib/url/params.ts); the query text is never reflected into HTML (the answer is JSON only).
import { NextResponse, type NextRequest } from "next/server";
import { geocode, toFeatureCollection, GeocodeInputError, MAX_LIMIT, MAX_QUERY_LENGTH } from "@/lib/geocode";
import { ParamError, paramValue } from "@/lib/url/params";
import { PUBLIC_READ_HEADERS } from "@/lib/server/public-read";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Place text is letters, digits, spaces and punctuation; a control character (NUL, a tab, a newline) is
// never part of one, so it is refused like a blank q rather than looked up.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// A count as people write it: no sign, exponent, hex, blanks or leading zero.
const COUNT = /^[1-9]\d*$/;

function badRequest(message: string, field: string): NextResponse {
  return NextResponse.json({ error: message, field }, { status: 400, headers: { "cache-control": "no-store", "access-control-allow-origin": "*" } });
}

export function GET(request: NextRequest): NextResponse {
  const params = request.nextUrl.searchParams;
  let q: string | null;
  let limitParam: string | null;
  try {
    q = paramValue(params, "q", Infinity);
    limitParam = paramValue(params, "limit", 10);
  } catch (err) {
    if (err instanceof ParamError) return badRequest(err.message, err.field);
    throw err;
  }
  if (q === null) return badRequest(params.has("q") ? "query parameter q is empty" : "missing query parameter q (the place text to geocode)", "q");
  if (CONTROL.test(q)) return badRequest("query parameter q holds a control character; it must be place text", "q");
  if (q.trim() === "") return badRequest("query parameter q is empty", "q");
  if (q.length > MAX_QUERY_LENGTH) return badRequest(`query parameter q is ${q.length} characters long; the limit is ${MAX_QUERY_LENGTH}`, "q");
  let limit: number | undefined;
  if (limitParam !== null || params.has("limit")) {
    limit = COUNT.test(limitParam ?? "") ? Number(limitParam) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) return badRequest(`query parameter limit must be an integer from 1 to ${MAX_LIMIT}, written in digits`, "limit");
  }
  try {
    const result = geocode(q, limit === undefined ? undefined : { limit });
    return NextResponse.json(toFeatureCollection(result), { headers: { ...PUBLIC_READ_HEADERS, "cache-control": "public, max-age=3600" } });
  } catch (err) {
    if (err instanceof GeocodeInputError) return badRequest(err.message, "q");
    console.error("geocode failed", err);
    return NextResponse.json({ error: "geocoder failed; see the server log" }, { status: 500 });
  }
}
