// A write under /api is judged at the front door, before a byte of its body is read: a write from another
// site is 403 and one without a session cookie 401 (only signing in and out, and geocoding, need none), a declared body over
// the route's limit 413 (lib/server/api-routes.ts). A body sent without a length is cut one byte past the
// limit, so the route sees it is too long and answers 413; Next's own cut would drop the last chunk
// silently and leave text that is merely "not JSON".
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { originProblem } from "../auth/origin";
import { requestSessionToken } from "../auth/cookie";
import { apiRoute, bodyLimit } from "./api-routes";
import { tooLargeMessage } from "./body";
import { requestHost, requestProtocol } from "./forwarded";
import SECURITY_HEADERS from "./security-headers.json";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

// @option LINGER_MS: number = 500
// After a refusal the connection closes; what the client still sends meanwhile is discarded this long first,
// so it reads the answer rather than a reset (closing on unread input resets the connection).
const LINGER_MS = 500;

/** Answers a JSON refusal at once; the connection closes after it, so the body is never read. */
export function refuse(res: ServerResponse, status: number, error: string, field?: string): true {
  const body = JSON.stringify(field === undefined ? { error } : { error, field });
  closeUnread(res);
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": "application/json", "content-length": Buffer.byteLength(body), "cache-control": "no-store", connection: "close" });
  res.end(body);
  return true;
}

/** Closes the connection after the answer (call it before the answer is written): what still arrives of the body is discarded, not kept. */
export function closeUnread(res: ServerResponse): void {
  res.shouldKeepAlive = false;
  res.req?.resume();
  linger(res);
}

function linger(res: ServerResponse): void {
  const req = res.req as IncomingMessage | undefined;
  const socket = req?.socket as (Socket & { destroySoon?: () => void }) | undefined;
  if (!req || !socket) return;
  // Node closes a connection that does not stay open with destroySoon: end our side, close a moment later.
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
}

/** Answers a write under /api that must be refused before its body is read and returns true; false otherwise (the body of a write let through is bounded). */
export function answerWrite(req: IncomingMessage, res: ServerResponse): boolean {
  const method = (req.method ?? "GET").toUpperCase();
  const path = (req.url ?? "").split("?")[0];
  if (!WRITES.has(method) || !path.startsWith("/api/")) return false;
  // A write the route does not take (or no route at all) is the gate's to answer (405, 404).
  const route = apiRoute(path);
  if (!route || !(route.methods as readonly string[]).includes(method)) return false;
  const cookie = req.headers.cookie ?? null;
  const hasSession = requestSessionToken(cookie, true) !== null || requestSessionToken(cookie, false) !== null;
  const origin = req.headers.origin ?? null;
  const refused = originProblem({ method, origin, hasSession, ownOrigin: `${requestProtocol(req)}//${requestHost(req)}` });
  if (refused) return refuse(res, 403, refused, "Origin");
  if (!hasSession && !route.anonymousWrites) return refuse(res, 401, "sign in first: this needs an account");
  const max = bodyLimit(path);
  const declared = req.headers["content-length"];
  if (declared !== undefined) return Number(declared) > max ? refuse(res, 413, tooLargeMessage(max), "body") : false;
  cutBody(req, res, max);
  return false;
}

/** Lets at most `max` + 1 bytes of the body through (the route then answers 413) and closes the connection after the answer. */
export function cutBody(req: IncomingMessage, res: ServerResponse, max: number): void {
  const push = req.push.bind(req);
  let seen = 0;
  let cut = false;
  req.push = (chunk: Buffer | null, encoding?: BufferEncoding): boolean => {
    if (cut) return true;
    if (chunk === null) return push(null);
    seen += chunk.length;
    if (seen <= max) return push(chunk, encoding);
    cut = true;
    push(chunk.subarray(0, chunk.length - (seen - max - 1)));
    // The rest is never read: the socket stops, and the request counts as whole, or Node would close the
    // connection when its stream ends early, before the route's 413 could be sent.
    req.socket.pause();
    (req as { complete: boolean }).complete = true;
    push(null);
    res.shouldKeepAlive = false;
    linger(res);
    return true;
  };
}
