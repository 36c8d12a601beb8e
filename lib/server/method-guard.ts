// TRACE and TRACK requests, answered before Next sees them: Next turns each request into a fetch
// Request, which refuses these methods, so it would answer 500 and log a stack for every one.
import "server-only";
import { Server, type IncomingMessage, type ServerResponse } from "node:http";
import { ALLOWED_METHODS } from "./gate";

// Methods the fetch standard forbids in a Request (CONNECT never reaches a request handler in Node).
const UNREPRESENTABLE = new Set(["TRACE", "TRACK"]);

/** Answers a request Next cannot represent with 405 and returns true; false for any other request. */
export function answerUnrepresentable(req: IncomingMessage, res: ServerResponse): boolean {
  if (!UNREPRESENTABLE.has(req.method ?? "")) return false;
  const body = JSON.stringify({ error: `method ${req.method} is not allowed (${ALLOWED_METHODS})` });
  res.writeHead(405, { allow: ALLOWED_METHODS, "content-type": "application/json", "content-length": Buffer.byteLength(body), "cache-control": "no-store", "x-content-type-options": "nosniff" });
  res.end(body);
  // The body is not read: drop the connection's remaining input rather than parse it as a next request.
  req.resume();
  return true;
}

let installed = false;

/** Puts answerUnrepresentable in front of every HTTP server of this process (`next start` has one). */
export function installMethodGuard(): void {
  if (installed) return;
  installed = true;
  const emit = Server.prototype.emit as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request" && answerUnrepresentable(args[0] as IncomingMessage, args[1] as ServerResponse)) return true;
    return emit.call(this, event, ...args);
  } as typeof Server.prototype.emit;
}
