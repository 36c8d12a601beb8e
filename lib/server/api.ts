// The account and dataset routes' shared glue: who is asking (session cookie), JSON bodies read within the
// size limit, and errors mapped to status codes with a message naming the field and the value.
import "server-only";
import type { Db } from "../db/types";
import { getDb } from "../db/open";
import type { Account } from "../auth/accounts";
import { requestSessionToken } from "../auth/cookie";
import { sessionAccount } from "../auth/sessions";
import { GeoJSONValidationError } from "../incident/validate";
import { MAX_WRITE_BYTES } from "./write-limit";
import { CLIENT_ADDRESS_HEADER } from "./client-address";

/** An answer other than 2xx, thrown from a route's work and turned into JSON by `handle`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

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
    // The message and where it was thrown, not the error's own fields: a database error carries the
    // statement's parameters and the row's values (detail), which are the users' data.
    console.error(`${(err as Error)?.stack ?? String(err)}${(err as { code?: unknown })?.code ? ` (code ${(err as { code: unknown }).code})` : ""}`);
    return problem(500, "the server failed; see its log");
  }
}

export interface Caller {
  db: Db;
  account: Account | null;
  /** The session token the request carried (valid or not). */
  token: string | null;
  /** The request came over https: the cookie is Secure with the __Host- prefix. */
  secure: boolean;
}

export const isSecure = (request: Request): boolean => new URL(request.url).protocol === "https:";

export async function caller(request: Request): Promise<Caller> {
  const secure = isSecure(request);
  const token = requestSessionToken(request.headers.get("cookie"), secure);
  const db = await getDb();
  return { db, account: await sessionAccount(db, token), token, secure };
}

/** The signed-in account, or 401. */
export function signedIn(c: Caller): Account {
  if (!c.account) throw new ApiError(401, "sign in first: this needs an account");
  return c.account;
}

/** The client's address as the front door stamped it (lib/server/front-door.ts). */
export const clientAddress = (request: Request): string => request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";

const tooLarge = (max: number) => new ApiError(413, `body: larger than the limit of ${max} bytes${max >= 1048576 ? ` (${Math.round(max / 1048576)} MiB)` : ""}`, "body");

// @option MAX_JSON_DEPTH: number = 64 levels of arrays and objects; a GeoJSON MultiPolygon needs 4 inside its feature
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of arrays and objects in JSON text (brackets inside strings do not count), stopping past MAX_JSON_DEPTH. */
export function nesting(bytes: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c) i++;
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x5b || b === 0x7b) {
      if (++depth > deepest) deepest = depth;
      if (deepest > MAX_JSON_DEPTH) return deepest;
    } else if (b === 0x5d || b === 0x7d) depth--;
  }
  return deepest;
}

/** The request's JSON body (undefined when empty): 413 over `max` bytes (by Content-Length, then while reading), 400 when it is not JSON or nested too deep. */
export async function readJson(request: Request, max = MAX_WRITE_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) throw tooLarge(max);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => {});
        throw tooLarge(max);
      }
      chunks.push(value);
    }
  }
  const bytes = Buffer.concat(chunks);
  // JSON.parse would take any depth; what walks the value afterwards (validation, logging) would overflow its stack.
  if (nesting(bytes) > MAX_JSON_DEPTH) throw new ApiError(400, `body: arrays and objects nested deeper than ${MAX_JSON_DEPTH} levels`, "body");
  const text = bytes.toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError(400, `body: not JSON (${(err as Error).message.slice(0, 120)})`, "body");
  }
}

/** The body as a JSON object, 400 otherwise. */
export async function readObject(request: Request, max = MAX_WRITE_BYTES): Promise<Record<string, unknown>> {
  const body = await readJson(request, max);
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ApiError(400, `body: must be a JSON object (it is ${Array.isArray(body) ? "an array" : JSON.stringify(body)?.slice(0, 40)})`, "body");
  return body as Record<string, unknown>;
}
