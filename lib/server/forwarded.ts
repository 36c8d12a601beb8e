// What a request says about how the client reached us (scheme, host, address) is believed only from a
// proxy we were told to trust: without TRUST_PROXY=1 the client's own X-Forwarded-* headers are dropped
// at the front door, so Next derives the scheme and host from the socket and the Host header.
import "server-only";
import type { IncomingMessage } from "node:http";

// @option TRUST_PROXY: environment variable = unset; "1" behind a reverse proxy, whose X-Forwarded-For (last
// entry), X-Forwarded-Proto and X-Forwarded-Host are then believed.
export const trustProxy = (): boolean => process.env.TRUST_PROXY === "1";

// @option ALLOWED_HOSTS: environment variable = unset (any host); a comma-separated list of the host names
// (with a port where one is used) this server answers to, e.g. "map.example.org,localhost:3000".
const allowedHosts = (): string[] | null => {
  const list = (process.env.ALLOWED_HOSTS ?? "").split(",").map((h) => h.trim().toLowerCase()).filter(Boolean);
  return list.length ? list : null;
};

const FORWARDED = ["x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "forwarded"];

/** Removes the X-Forwarded-* headers a client sent itself (all of them, unless TRUST_PROXY). */
export function dropUntrustedForwarding(req: IncomingMessage): void {
  if (trustProxy()) return;
  for (const name of FORWARDED) delete req.headers[name];
}

/** The host the client addressed: the proxy's X-Forwarded-Host when trusted, else the Host header. */
export function requestHost(req: IncomingMessage): string {
  const forwarded = trustProxy() ? String(req.headers["x-forwarded-host"] ?? "").split(",")[0].trim() : "";
  return (forwarded || req.headers.host || "").toLowerCase();
}

/** "https:" or "http:": the socket's, or the trusted proxy's X-Forwarded-Proto. */
export function requestProtocol(req: IncomingMessage): string {
  if ((req.socket as { encrypted?: boolean } | undefined)?.encrypted) return "https:";
  const forwarded = trustProxy() ? String(req.headers["x-forwarded-proto"] ?? "").split(",")[0].trim() : "";
  return forwarded === "https" ? "https:" : "http:";
}

/** Why the request's host is refused (ALLOWED_HOSTS is set and does not name it), or null. */
export function hostProblem(req: IncomingMessage): string | null {
  const allowed = allowedHosts();
  if (!allowed) return null;
  const host = requestHost(req);
  return allowed.includes(host) ? null : `Host: ${JSON.stringify(host.slice(0, 100))} is not one this server answers to (ALLOWED_HOSTS)`;
}
