// The client's address for the sign-in rate limit, stamped on each request by the front door
// (lib/server/front-door.ts) and read by the routes (lib/server/api.ts).
import "server-only";
import type { IncomingMessage } from "node:http";
import { trustProxy } from "./forwarded";

export const CLIENT_ADDRESS_HEADER = "x-client-address";

/** Stamps the request with the client's address, overwriting any the client sent itself: the socket's, or behind a trusted proxy the last X-Forwarded-For entry (the one that proxy added). */
export function stampClientAddress(req: IncomingMessage): void {
  const forwarded = String(req.headers["x-forwarded-for"] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const address = trustProxy() && forwarded.length ? forwarded[forwarded.length - 1] : (req.socket?.remoteAddress ?? "unknown");
  req.headers[CLIENT_ADDRESS_HEADER] = address;
}
