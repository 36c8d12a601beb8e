// The one place a request is judged before Next reads it: the server (server.ts, Next's documented custom
// server) hands every request to `frontDoor` first and only what it did not answer to Next's request
// handler, and there is no proxy.ts. Next 16's proxy cannot do this job: it sees a fetch Request Next has
// already built, so TRACE has failed with a 500 before it runs, the socket's address is gone, `Expect:
// 100-continue` has been answered, and Next copies the body into the proxy while it runs
// (proxyClientMaxBodySize), so a write it refused would have been read first.
// In order, the door:
// - stamps the client's address in `x-client-address` (for the sign-in rate limit), from the socket,
//   replacing whatever the client sent under that name; drops a client's own X-Forwarded-* headers unless
//   TRUST_PROXY (lib/server/forwarded.ts);
// - answers TRACE and TRACK 405 (Next turns each request into a fetch Request, which refuses them, so it
//   would answer 500 and log a stack for every one); a Host not in ALLOWED_HOSTS 421;
// - answers what no route takes (lib/server/gate.ts: a broken escape, an unknown API path, a method the
//   route does not take, OPTIONS and the API's CORS preflight), from the route table (lib/server/api-routes.ts);
// - refuses a write from another site (403), without a session (401) or with a body over its route's
//   limit (413) before the body is read, and bounds the body of a write it lets through (lib/server/write-door.ts);
// - answers the store's reads 503 while the store opens (lib/server/store-opening.ts);
// - answers the geocoder's GETs itself (lib/server/geocode-get.ts, the route's own answer): a lookup per
//   keystroke then takes one turn of the event loop, not Next's several, each behind a save's or a read's work;
// - serves the page's documents from their prerendered HTML with a fresh CSP nonce on every script
//   (lib/server/page-shell.ts): the page is the same for every visitor, so a crowd costs a string join and
//   a gzip per request, not a render. Under `npm run dev` or for a client-side navigation's React payload,
//   Next renders it under the same policy, reading the nonce from the request.
// Everything else goes on to Next unchanged.
import "server-only";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { ALLOWED_METHODS, gate } from "./gate";
import { stampClientAddress } from "./client-address";
import { answerWrite, closeUnread, refuse } from "./write-door";
import { dropUntrustedForwarding, hostProblem } from "./forwarded";
import { DOCUMENT_HEADERS, newNonce, prerenderedShell, stampNonce } from "./page-shell";
import { contentSecurityPolicy } from "./security-headers";
import { storeOpeningAnswer } from "./store-opening";
import { geocodeAnswer } from "./geocode-get";
import { GEOCODE_ROUTE } from "./api-routes";
import SECURITY_HEADERS from "./security-headers.json";

// Methods the fetch standard forbids in a Request (CONNECT never reaches a request handler in Node).
const UNREPRESENTABLE = new Set(["TRACE", "TRACK"]);

/** The request's path as sent, still percent-encoded, without the query. */
const pathOf = (req: IncomingMessage): string => (req.url ?? "/").split("?")[0];

/** Whether the request says it carries a body (one the door may answer without reading). */
const hasBody = (req: IncomingMessage): boolean => Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;

/** Answers a request Next cannot represent with 405 and returns true; false for any other request. */
export function answerUnrepresentable(req: IncomingMessage, res: ServerResponse): boolean {
  if (!UNREPRESENTABLE.has(req.method ?? "")) return false;
  const body = JSON.stringify({ error: `method ${req.method} is not allowed (${ALLOWED_METHODS})` });
  res.writeHead(405, { ...SECURITY_HEADERS, allow: ALLOWED_METHODS, "content-type": "application/json", "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
  res.end(body);
  // The body is not read: drop the connection's remaining input rather than parse it as a next request.
  req.resume();
  return true;
}

/** Answers a request for a host the server does not serve (ALLOWED_HOSTS) with 421 and returns true. */
export function answerWrongHost(req: IncomingMessage, res: ServerResponse): boolean {
  const problem = hostProblem(req);
  return problem !== null && refuse(res, 421, problem, "Host");
}

/** Sends a short answer the door made (the gate's, the store's 503); a body the request carried is not read. */
function sendAnswer(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: string | null): true {
  return sendBytes(req, res, status, headers, body === null ? null : Buffer.from(body));
}

/** sendAnswer's bytes as they are. */
function sendBytes(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, bytes: Buffer | null): true {
  if (hasBody(req)) closeUnread(res);
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers, ...(bytes ? { "content-length": bytes.byteLength } : {}) });
  res.end(req.method === "HEAD" ? undefined : (bytes ?? undefined));
  return true;
}

/**
 * Answers GET or HEAD of a document from its prerendered HTML (`index` for the page, `_not-found` for
 * any other path) and returns true; false when Next must render it, after giving the request its policy.
 */
export function answerDocument(req: IncomingMessage, res: ServerResponse, name: "index" | "_not-found"): boolean {
  const nonce = newNonce();
  const dev = process.env.NODE_ENV !== "production";
  const csp = contentSecurityPolicy(nonce, dev);
  // A client-side navigation asks for the React payload (header RSC): Next serves that. `npm run dev`
  // renders every document: a production build's prerendered HTML names scripts the dev server does not have.
  const shell = req.headers.rsc === undefined && !dev ? prerenderedShell(name) : null;
  if (!shell) {
    // Next renders the document: it puts the nonce of the request's policy on its scripts.
    req.headers["content-security-policy"] = csp;
    res.setHeader("content-security-policy", csp);
    return false;
  }
  const html = Buffer.from(stampNonce(shell, nonce));
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip ? gzipSync(html) : html;
  res.writeHead(name === "index" ? 200 : 404, {
    ...SECURITY_HEADERS,
    "content-security-policy": csp,
    ...DOCUMENT_HEADERS,
    vary: "Accept-Encoding",
    ...(gzip ? { "content-encoding": "gzip" } : {}),
    "content-length": body.byteLength,
  });
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}

/**
 * Answers GET or HEAD of /api/geocode (lib/server/geocode-get.ts, the route's own answer) and returns true:
 * in one turn of the event loop, where Next took several, each behind other requests' work under load.
 */
export function answerGeocode(req: IncomingMessage, res: ServerResponse): true {
  const { status, headers, body } = geocodeAnswer(new URL(req.url ?? "/", "http://door").searchParams);
  const text = Buffer.from(body);
  // Gzipped when the client takes it, as Next did (its answers were ~330 bytes, ~260 gzipped).
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  return sendBytes(req, res, status, { ...headers, vary: "Accept-Encoding", ...(gzip ? { "content-encoding": "gzip" } : {}) }, gzip ? gzipSync(text) : text);
}

/** Everything the door does to a request; true when it answered it, false when Next answers. */
export function frontDoor(req: IncomingMessage, res: ServerResponse): boolean {
  stampClientAddress(req);
  dropUntrustedForwarding(req);
  if (answerUnrepresentable(req, res) || answerWrongHost(req, res)) return true;
  const path = pathOf(req);
  const decision = gate(req.method ?? "GET", path);
  switch (decision.kind) {
    case "answer":
      return sendAnswer(req, res, decision.status, decision.headers, decision.body);
    case "page":
      return answerDocument(req, res, "index");
    case "document":
      return answerDocument(req, res, "_not-found");
    case "next": {
      if (path === GEOCODE_ROUTE.folder && (req.method === "GET" || req.method === "HEAD")) return answerGeocode(req, res);
      if (answerWrite(req, res)) return true;
      const opening = storeOpeningAnswer(path);
      return opening !== null && sendAnswer(req, res, opening.status, opening.headers, opening.body);
    }
  }
}

/** Next's request handler, or what stands in for it. */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A client that sends `Expect: 100-continue` waits for leave before sending its body: the door answers
 * first, so a refused body is never sent; otherwise it gives leave and the request goes on to `next`.
 */
export function onCheckContinue(server: Server, next: Handler): void {
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    if (frontDoor(req, res)) return;
    res.writeContinue();
    next(req, res);
  });
}

/** Makes `server` answer every request through the front door, handing what it does not answer to `next`. */
export function serveThroughFrontDoor(server: Server, next: Handler): void {
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (!frontDoor(req, res)) next(req, res);
  });
  onCheckContinue(server, next);
}
