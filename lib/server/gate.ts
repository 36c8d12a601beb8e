// What every request is checked for before Next routes it (proxy.ts): a path that decodes, a known API
// route, a method the route answers. Next would answer a broken escape with a 500 in plain text, an
// unknown API path with the HTML 404 page, and a write to the page with the page; here each gets a
// short answer that names the problem: JSON under /api, text elsewhere.
import "server-only";

// @option ALLOWED_METHODS: string = "GET, HEAD, OPTIONS"
// What the page and the public read routes answer.
export const ALLOWED_METHODS = "GET, HEAD, OPTIONS";

interface ApiRoute {
  path: RegExp;
  /** Methods beyond GET, HEAD and OPTIONS (the account and dataset routes' writes). */
  writes: readonly string[];
  /** Whether the route is public data any origin may read (CORS). The account routes are same-origin only. */
  shared: boolean;
  /** GET and HEAD are answered (a route that only takes writes answers them 405). */
  reads: boolean;
}

const route = (path: RegExp, writes: readonly string[] = [], shared = false, reads = true): ApiRoute => ({ path, writes, shared, reads });

// The API's routes, on the path as sent (an escaped `/`, as in `/api%2fincidents`, is no separator).
const API_ROUTES: readonly ApiRoute[] = [
  route(/^\/api\/incidents$/, [], true),
  route(/^\/api\/incidents\/columns$/, [], true),
  // POST: the importer's batch of place queries (same origin: the CORS preflight offers reads only).
  route(/^\/api\/geocode$/, ["POST"], true),
  route(/^\/api\/basemap\/[^/]+$/, [], true),
  route(/^\/api\/health$/),
  route(/^\/api\/session$/, ["POST", "DELETE"]),
  route(/^\/api\/setup$/, ["POST"], false, false),
  route(/^\/api\/users$/, ["POST"]),
  route(/^\/api\/users\/[^/]+$/, ["PATCH"], false, false),
  route(/^\/api\/datasets$/, ["POST"]),
  route(/^\/api\/datasets\/[^/]+$/, ["PATCH", "DELETE"]),
  route(/^\/api\/datasets\/[^/]+\/incidents$/, ["POST"], false, false),
  route(/^\/api\/datasets\/[^/]+\/description$/, ["PUT", "DELETE"], true),
  route(/^\/api\/datasets\/[^/]+\/links$/, ["POST", "DELETE"], false, false),
  route(/^\/api\/datasets\/[^/]+\/shares$/, ["PUT"], false, false),
];

/** The Allow header of a route. */
const allowOf = (r: ApiRoute): string => [...(r.reads ? ["GET", "HEAD"] : []), ...r.writes, "OPTIONS"].join(", ");

export type GateDecision =
  /** Answer at once with this. */
  | { kind: "answer"; status: number; headers: Record<string, string>; body: string | null }
  /** The page's document (GET or HEAD of `/`). */
  | { kind: "page" }
  /** Any other document: Next answers (the not-found page, with this request's nonce). */
  | { kind: "document" }
  /** An API read or a file: Next answers. */
  | { kind: "next" };

function answer(status: number, api: boolean, message: string, extra: Record<string, string> = {}): GateDecision {
  const headers: Record<string, string> = { "cache-control": "no-store", ...extra };
  if (api) {
    headers["content-type"] = "application/json";
    headers["access-control-allow-origin"] = "*";
    return { kind: "answer", status, headers, body: JSON.stringify({ error: message }) };
  }
  headers["content-type"] = "text/plain; charset=utf-8";
  return { kind: "answer", status, headers, body: `${message}\n` };
}

/** The segment that does not decode as UTF-8 percent-encoding, or null when all do. */
function badSegment(path: string): string | null {
  for (const segment of path.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      return segment;
    }
  }
  return null;
}

/**
 * The decision for a request, from its method and its path as sent (still percent-encoded).
 * `/api` paths are the API's whatever their escapes; `/_next/` paths are Next's files.
 */
export function gate(method: string, path: string): GateDecision {
  const bad = badSegment(path);
  let decoded = path;
  if (bad === null) decoded = decodeURIComponent(path);
  const api = /^\/api(\/|$)/i.test(decoded) || /^\/api(%2f|$)/i.test(path);
  if (bad !== null) {
    const shown = bad.length > 40 ? `${bad.slice(0, 40)}…` : bad;
    return answer(400, api, `path: malformed percent-encoding in ${JSON.stringify(shown)} (each % must be followed by two hex digits, and together they must spell UTF-8)`);
  }
  const read = method === "GET" || method === "HEAD";
  if (api) {
    const r = API_ROUTES.find((x) => x.path.test(path));
    if (!r) {
      return answer(404, true, `no API route ${JSON.stringify(path.length > 80 ? `${path.slice(0, 80)}…` : path)}; the routes are /api/incidents, /api/incidents/columns, /api/geocode, /api/basemap/{layer}, /api/health, /api/session, /api/setup, /api/users, /api/datasets (README, "HTTP API")`);
    }
    const allow = allowOf(r);
    if (method === "OPTIONS") return r.shared ? preflight() : { kind: "answer", status: 204, headers: { allow, "cache-control": "no-store" }, body: null };
    if ((read && r.reads) || r.writes.includes(method)) return { kind: "next" };
    const what = r.shared && r.writes.length === 0 ? `; the API only serves reads (${allow})` : ` on this route (${allow})`;
    return answer(405, true, `method ${method} is not allowed${what}`, { allow });
  }
  if (method === "OPTIONS") return { kind: "answer", status: 204, headers: { allow: ALLOWED_METHODS, "cache-control": "no-store" }, body: null };
  if (!read) return answer(405, false, `method ${method} is not allowed (${ALLOWED_METHODS})`, { allow: ALLOWED_METHODS });
  if (path === "/") return { kind: "page" };
  if (path.startsWith("/_next/")) return { kind: "next" };
  return { kind: "document" };
}

/** The answer to a CORS preflight: any origin may GET, without credentials. */
function preflight(): GateDecision {
  return {
    kind: "answer",
    status: 204,
    headers: {
      allow: ALLOWED_METHODS,
      "access-control-allow-origin": "*",
      "access-control-allow-methods": "GET, HEAD",
      "access-control-allow-headers": "If-None-Match",
      "access-control-max-age": "86400",
      "cache-control": "no-store",
    },
    body: null,
  };
}
