// GET /api/geocode?q=...[&limit=N]'s answer, made in one place for the front door (lib/server/front-door.ts),
// which answers it before Next reads the request, and for the route (app/api/geocode/route.ts: `npm run dev`,
// the route's tests). A lookup is ~0.1 ms of work; through Next it took several turns of the event loop, and
// under load each turn waited behind a save's slice and a reader's page. Load bench on PostgreSQL, 5 runs each
// alternated with Next answering it, load average 11–18: p50 70 ms against 172, p99 534 against 1443.
import "server-only";
import { geocodePlace, toFeatureCollection, GeocodeInputError, MAX_LIMIT, MAX_QUERY_LENGTH } from "../geocode";
import { ParamError, paramValue } from "../url/params";
import { hasControlCharacter } from "../rules/text";
import { PUBLIC_READ_HEADERS, publicProblemParts, type AnswerParts } from "./public-read";
import { logFailure } from "./failure-log";

// A count as people write it: no sign, exponent, hex, blanks or leading zero.
const COUNT = /^[1-9]\d*$/;

const problem = (status: number, error: string, field?: string): AnswerParts => publicProblemParts(status, error, field ? { field } : {});

/**
 * The geocoder's FeatureCollection for q (the search box), Syria first, then the world. 400 naming the
 * parameter for a missing, empty, over-long or control-character q, a bad limit, or either given twice
 * (lib/url/params.ts); the query text is never reflected into HTML (the answer is JSON only).
 */
export function geocodeAnswer(params: URLSearchParams): AnswerParts {
  let q: string | null;
  let limitParam: string | null;
  try {
    q = paramValue(params, "q", Infinity);
    limitParam = paramValue(params, "limit", 10);
  } catch (err) {
    if (err instanceof ParamError) return problem(400, err.message, err.field);
    throw err;
  }
  // Place text is letters, digits, spaces and punctuation; a control character (NUL, a tab, a newline) is
  // never part of one, so it is refused like a blank q rather than looked up (hasControlCharacter).
  if (q === null) return problem(400, params.has("q") ? "query parameter q is empty" : "missing query parameter q (the place text to geocode)", "q");
  if (hasControlCharacter(q)) return problem(400, "query parameter q holds a control character; it must be place text", "q");
  if (q.trim() === "") return problem(400, "query parameter q is empty", "q");
  if (q.length > MAX_QUERY_LENGTH) return problem(400, `query parameter q is ${q.length} characters long; the limit is ${MAX_QUERY_LENGTH}`, "q");
  let limit: number | undefined;
  if (limitParam !== null || params.has("limit")) {
    limit = COUNT.test(limitParam ?? "") ? Number(limitParam) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) return problem(400, `query parameter limit must be an integer from 1 to ${MAX_LIMIT}, written in digits`, "limit");
  }
  try {
    const result = geocodePlace({ text: q }, limit === undefined ? undefined : { limit });
    return { status: 200, headers: { ...PUBLIC_READ_HEADERS, "cache-control": "public, max-age=3600", "content-type": "application/json" }, body: JSON.stringify(toFeatureCollection(result)) };
  } catch (err) {
    if (err instanceof GeocodeInputError) return problem(400, err.message, "q");
    logFailure("GET /api/geocode", err);
    return problem(500, "geocoder failed; see the server log");
  }
}
