// The account and dataset routes' shared glue: who is asking (session cookie), JSON bodies read within the
// size limit, and errors mapped to status codes with a message naming the field and the value.
import "server-only";
import type { Db } from "../db/types";
import { getDb } from "../db/open";
import type { Account } from "../auth/accounts";
import { GeoJSONValidationError } from "../incident/validate";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { ApiError } from "./body";
import { requestSession, type RequestSession } from "./viewer";
import { logFailure } from "./failure-log";

// The request body readers and ApiError live in ./body.ts (no database imports), for routes that need only them.
export { ApiError, MAX_JSON_DEPTH, nesting, readJsonBody, readObject } from "./body";

// Personal answers: never stored by a cache, never shared across origins (no Access-Control-Allow-Origin).
const PRIVATE = { "cache-control": "no-store", vary: "Cookie" };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...PRIVATE, ...headers } });
}

export function problem(status: number, error: string, field?: string, headers: Record<string, string> = {}): Response {
  return json(field === undefined ? { error } : { error, field }, status, headers);
}

/** Runs a route's work, answering its ApiError (or a validation error, 400) as JSON and anything else 500. */
export async function handle(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ApiError) return problem(err.status, err.message, err.field, err.headers);
    if (err instanceof GeoJSONValidationError) return problem(400, err.message, err.issues[0]?.path);
    logFailure("a route failed", err);
    return problem(500, "the server failed; see its log");
  }
}

export interface Caller extends RequestSession {
  db: Db;
}

export async function caller(request: Request): Promise<Caller> {
  const db = await getDb();
  return { db, ...(await requestSession(db, request)) };
}

/** The signed-in account, or 401. */
export function signedIn(who: Caller): Account {
  if (!who.account) throw new ApiError(401, "sign in first: this needs an account");
  return who.account;
}

/** The client's address as the front door stamped it (lib/server/front-door.ts). */
export const clientAddress = (request: Request): string => request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
