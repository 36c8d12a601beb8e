import "server-only";
// Cross-site request forgery: a write (POST, PUT, PATCH, DELETE) is refused unless its Origin header is the
// server's own. A browser sends Origin on every cross-origin request and on same-origin writes, so a
// write with a session cookie and no Origin did not come from our page: refused too. A write with
// neither Origin nor cookie comes from a script (curl, `fetch` in Node); it can only sign in, which is
// rate-limited, so it is let through.

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface WriteRequest {
  method: string;
  /** The Origin header, or null when absent. */
  origin: string | null;
  /** Whether the request carries a session cookie. */
  hasSession: boolean;
  /** The server's own origin as the client reached it, e.g. `https://map.example.org`. */
  ownOrigin: string;
}

/** Why a write must be refused (403), or null when it may go on. Reads always may. */
export function originProblem(write: WriteRequest): string | null {
  if (!WRITES.has(write.method.toUpperCase())) return null;
  if (write.origin === null) return write.hasSession ? "Origin: a signed-in write must carry an Origin header (browsers send one)" : null;
  // "null" is what a sandboxed frame or a file: page sends: never our page.
  if (write.origin !== write.ownOrigin) return `Origin: ${JSON.stringify(write.origin.slice(0, 100))} is not this site (${write.ownOrigin}); writes are accepted only from the app's own pages`;
  return null;
}
