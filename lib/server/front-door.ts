// What the server answers before Next sees a request (installed by instrumentation.ts):
// - TRACE and TRACK: 405. Next turns each request into a fetch Request, which refuses these methods, so
//   it would answer 500 and log a stack for every one.
// - GET and HEAD of the page's document: its prerendered HTML with a fresh CSP nonce on every script
//   (lib/server/page-shell.ts). The page is the same for every visitor, so a crowd costs a string join
//   and a gzip per request, not a render, nor a pass through Next's proxy and response streams.
// - A Host not in ALLOWED_HOSTS: 421; X-Forwarded-* headers from a client when TRUST_PROXY is unset: dropped
//   (lib/server/forwarded.ts).
// - A write under /api from another site, without a session, or with a body over its route's limit: refused
//   before the body is read (lib/server/write-door.ts).
// - Every request: the client's address in `x-client-address` (for the sign-in rate limit), from the socket,
//   replacing whatever the client sent under that name.
// Everything else, and the page itself when there is no prerendered HTML (`next dev`), goes on to Next.
import "server-only";
import { Server, type IncomingMessage, type ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { ALLOWED_METHODS } from "./gate";
import { stampClientAddress } from "./client-address";
import { answerWrite, refuse } from "./write-door";
import { dropUntrustedForwarding, hostProblem } from "./forwarded";
import { DOCUMENT_HEADERS, newNonce, prerenderedShell, stampNonce } from "./page-shell";
import { contentSecurityPolicy } from "./security-headers";
import SECURITY_HEADERS from "./security-headers.json";

// Methods the fetch standard forbids in a Request (CONNECT never reaches a request handler in Node).
const UNREPRESENTABLE = new Set(["TRACE", "TRACK"]);

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

/** Answers GET or HEAD of `/` (any query) with the prerendered page and returns true; false otherwise. */
export function answerPage(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const url = req.url ?? "";
  // A client-side navigation asks for the React payload (header RSC): Next serves that.
  if ((url !== "/" && !url.startsWith("/?")) || req.headers.rsc !== undefined) return false;
  const shell = prerenderedShell("index");
  if (!shell) return false;
  const nonce = newNonce();
  const html = Buffer.from(stampNonce(shell, nonce));
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip ? gzipSync(html) : html;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    "content-security-policy": contentSecurityPolicy(nonce),
    ...DOCUMENT_HEADERS,
    vary: "Accept-Encoding",
    ...(gzip ? { "content-encoding": "gzip" } : {}),
    "content-length": body.byteLength,
  });
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}

/** Everything the door does to a request; true when it answered it. */
export function frontDoor(req: IncomingMessage, res: ServerResponse): boolean {
  stampClientAddress(req);
  dropUntrustedForwarding(req);
  return answerUnrepresentable(req, res) || answerWrongHost(req, res) || answerWrite(req, res) || answerPage(req, res);
}

/**
 * A client that sends `Expect: 100-continue` waits for leave before sending its body: the door answers
 * first, so a refused body is never sent; otherwise it gives leave and the request goes on to Next.
 */
export function onCheckContinue(server: Server, next: (req: IncomingMessage, res: ServerResponse) => void): void {
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    if (frontDoor(req, res)) return;
    res.writeContinue();
    next(req, res);
  });
}

let installed = false;

/** Puts the front door before every HTTP server of this process (`next start` has one). */
export function installFrontDoor(): void {
  if (installed) return;
  installed = true;
  const emit = Server.prototype.emit as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    // The server may be listening before this is installed: its first request attaches the door too.
    if ((event === "listening" || event === "request") && this.listenerCount("checkContinue") === 0) {
      onCheckContinue(this, (req, res) => emit.call(this, "request", req, res));
    }
    if (event === "request") {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      if (frontDoor(req, res)) return true;
    }
    return emit.call(this, event, ...args);
  } as typeof Server.prototype.emit;
}
