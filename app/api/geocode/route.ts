// GET /api/geocode?q=...[&limit=N]: the geocoder's FeatureCollection for q (the search box), Syria first, then
// the world. 400 with a JSON message for a missing, empty, over-long or control-character q, a bad limit, or
// either given twice (lib/url/params.ts); the query text is never reflected into HTML (the answer is JSON only).
// Made by lib/server/geocode-get.ts, which the front door answers with before Next reads the request.
// POST /api/geocode {queries: [{text, country?, admin1?, admin2?}, …]}: one FeatureCollection per query, in
// order (the importer's batch); 413 over MAX_BATCH_QUERIES queries or MAX_BATCH_BYTES, 400 naming the field.
import { NextResponse, type NextRequest } from "next/server";
import { geocodePlace, cleanPlaceQuery, toFeatureCollection, GeocodeInputError, MAX_BATCH_BYTES, MAX_BATCH_QUERIES, MAX_QUERY_LENGTH } from "@/lib/geocode";
import type { PlaceQuery } from "@/lib/import/types";
import { ApiError, readObject } from "@/lib/server/body";
import { geocodeAnswer } from "@/lib/server/geocode-get";
import { CONTROL_CHARACTER, hasControlCharacter } from "@/lib/rules/text";
import { logFailure } from "@/lib/server/failure-log";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The answer lib/server/geocode-get.ts makes (the front door answers the same GETs before Next reads them). */
export function GET(request: NextRequest): Response {
  const { status, headers, body } = geocodeAnswer(request.nextUrl.searchParams);
  return new Response(body, { status, headers });
}

const QUERY_FIELDS = new Set(["text", "country", "admin1", "admin2"]);

/** A bad batch: the status, the field (`queries[3].admin1`) and its value, shortened. */
class BatchError extends Error {
  readonly value: unknown;
  constructor(readonly status: 400 | 413, readonly field: string, value: unknown, reason: string) {
    const shown = typeof value === "string" && value.length > 60 ? `${value.slice(0, 57)}...` : value;
    super(`${field}: ${reason}`);
    this.value = Array.isArray(shown) ? `a list of ${shown.length}` : typeof shown === "object" && shown !== null ? "an object" : shown;
  }
}

/** The body's queries, checked: 400 naming the first bad field and its value, 413 for too many. */
function batchQueries(body: Record<string, unknown>): PlaceQuery[] {
  const list = body.queries;
  if (!Array.isArray(list)) throw new BatchError(400, "queries", list ?? null, "must be a list of {text, country?, admin1?, admin2?}");
  if (list.length > MAX_BATCH_QUERIES) throw new BatchError(413, "queries", list, `${list.length} queries; the limit is ${MAX_BATCH_QUERIES} per request`);
  return list.map((item: unknown, i) => {
    const field = `queries[${i}]`;
    if (typeof item !== "object" || item === null || Array.isArray(item)) throw new BatchError(400, field, item, "must be an object with a text");
    const extra = Object.keys(item).find((k) => !QUERY_FIELDS.has(k));
    if (extra !== undefined) throw new BatchError(400, `${field}.${extra.slice(0, 40)}`, (item as Record<string, unknown>)[extra], "not a query field (text, country, admin1, admin2)");
    const q = item as Record<string, unknown>;
    if (q.text === undefined) throw new BatchError(400, `${field}.text`, null, "missing: the place text to geocode");
    for (const k of QUERY_FIELDS) {
      const v = q[k];
      if (v === undefined || (v === null && k !== "text")) continue;
      if (typeof v !== "string") throw new BatchError(400, `${field}.${k}`, v, "must be a string");
      if (hasControlCharacter(v)) throw new BatchError(400, `${field}.${k}`, v.replace(CONTROL_CHARACTER, "?"), "holds a control character; it must be place text");
      if (v.length > MAX_QUERY_LENGTH) throw new BatchError(400, `${field}.${k}`, v, `${v.length} characters long; the limit is ${MAX_QUERY_LENGTH}`);
    }
    return cleanPlaceQuery(q as unknown as PlaceQuery, field);
  });
}

export async function POST(request: NextRequest): Promise<NextResponse> {
  // Same origin only (the importer's worker): no CORS header, and nothing cached.
  const headers = { "cache-control": "no-store" };
  try {
    const queries = batchQueries(await readObject(request, MAX_BATCH_BYTES));
    const results = queries.map((q) => toFeatureCollection(geocodePlace(q)));
    return NextResponse.json({ results }, { headers });
  } catch (err) {
    if (err instanceof BatchError) return NextResponse.json({ error: err.message, field: err.field, value: err.value }, { status: err.status, headers });
    if (err instanceof ApiError) return NextResponse.json({ error: err.message, field: err.field }, { status: err.status, headers });
    if (err instanceof GeocodeInputError) return NextResponse.json({ error: err.message, field: err.field }, { status: 400, headers });
    logFailure("POST /api/geocode", err);
    return NextResponse.json({ error: "geocoder failed; see the server log" }, { status: 500, headers });
  }
}
