// What every request is checked for before Next routes it (lib/server/front-door.ts): a path that decodes, a known API
// route, a method the route answers. Next would answer a broken escape with a 500 in plain text, an
// unknown API path with the HTML 404 page, and a write to the page with the page; here each gets a
// short answer that names the problem: JSON under /api, text elsewhere.
import "server-only";
import { apiRoute, routeNames, type ApiRoute } from "./api-routes";

// @option ALLOWED_METHODS: string = "GET, HEAD, OPTIONS"
// What the page and the public read routes answer.
export const ALLOWED_METHODS = "GET, HEAD, OPTIONS";

/** The Allow header of a route. */
const allowOf = (route: ApiRoute): string => [...(route.methods.includes("GET") ? ["GET", "HEAD"] : []), ...route.methods.filter((m) => m !== "GET"), "OPTIONS"].join(", ");

export type GateDecision =
  /** Answer at once with this. */
  | { kind: "answer"; status: number; headers: Record<string, string>; body: string | null }
  /** The page's document (GET or HEAD of `/`). */
  | { kind: "page" }
  /** Any other document: the not-found page, with this request's nonce. */
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
  const badEscape = badSegment(path);
  let decoded = path;
  if (badEscape === null) decoded = decodeURIComponent(path);
  const api = /^\/api(\/|$)/i.test(decoded) || /^\/api(%2f|$)/i.test(path);
  if (badEscape !== null) {
    const shown = badEscape.length > 40 ? `${badEscape.slice(0, 40)}…` : badEscape;
    return answer(400, api, `path: malformed percent-encoding in ${JSON.stringify(shown)} (each % must be followed by two hex digits, and together they must spell UTF-8)`);
  }
  const isRead = method === "GET" || method === "HEAD";
  if (api) {
    const route = apiRoute(path);
    if (!route) {
      return answer(404, true, `no API route ${JSON.stringify(path.length > 80 ? `${path.slice(0, 80)}…` : path)}; the routes are ${routeNames()} (README, "HTTP API")`);
    }
    const allow = allowOf(route);
    if (method === "OPTIONS") return route.shared ? preflight() : { kind: "answer", status: 204, headers: { allow, "cache-control": "no-store" }, body: null };
    if ((isRead && route.methods.includes("GET")) || (route.methods as readonly string[]).includes(method)) return { kind: "next" };
    const what = route.shared && route.methods.every((m) => m === "GET") ? `; the API only serves reads (${allow})` : ` on this route (${allow})`;
    return answer(405, true, `method ${method} is not allowed${what}`, { allow });
  }
  if (method === "OPTIONS") return { kind: "answer", status: 204, headers: { allow: ALLOWED_METHODS, "cache-control": "no-store" }, body: null };
  if (!isRead) return answer(405, false, `method ${method} is not allowed (${ALLOWED_METHODS})`, { allow: ALLOWED_METHODS });
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
