// How the public read API may be cached and read from other sites (README, "HTTP API"): the datasets are
// public, so any origin may GET them without credentials, and caches keep them with a validator. Nothing
// private is served: a user's imports never leave their browser.
import "server-only";

// @option PUBLIC_MAX_AGE: number = 300
// Seconds a browser or shared cache may reuse an answer before it revalidates with its ETag: a crowd
// is served by caches, and a changed dataset (a new deployment) reaches everyone within five minutes.
export const PUBLIC_MAX_AGE = 300;

/** The headers of a successful public GET: shared-cacheable, readable cross-origin (its ETag too). */
export const PUBLIC_READ_HEADERS: Readonly<Record<string, string>> = {
  "cache-control": `public, max-age=${PUBLIC_MAX_AGE}`,
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "ETag",
};

/**
 * The headers of a successful GET of a dataset that is not public (a link key or an account reads it):
 * kept by no shared cache, and revalidated on each use, so a revoked key or share stops at once.
 */
export const RESTRICTED_READ_HEADERS: Readonly<Record<string, string>> = {
  "cache-control": "private, no-cache",
  vary: "Cookie",
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "ETag",
};

/** The headers of a public read's refusal or failure: kept by no cache, readable cross-origin as its answer would be. */
export const PUBLIC_ERROR_HEADERS: Readonly<Record<string, string>> = {
  "cache-control": "no-store",
  "access-control-allow-origin": "*",
};

/** An answer as status, headers (content-type included) and text: what the front door sends without Next. */
export interface AnswerParts {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A public read's refusal or failure: `{ error, …extra }` as JSON, with PUBLIC_ERROR_HEADERS. */
export function publicProblemParts(status: number, error: string, extra: Record<string, string> = {}): AnswerParts {
  return { status, headers: { ...PUBLIC_ERROR_HEADERS, "content-type": "application/json" }, body: JSON.stringify({ error, ...extra }) };
}

/** publicProblemParts as a Response (a route's answer). */
export function publicProblem(status: number, error: string, extra: Record<string, string> = {}): Response {
  const { body, headers } = publicProblemParts(status, error, extra);
  return new Response(body, { status, headers });
}

/** Whether an If-None-Match header names `etag` (weak or strong, or `*`). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((t) => t.trim() === "*" || t.trim().replace(/^W\//, "") === etag);
}
