import "server-only";
// While the process's store opens (a first start creates, migrates and seeds it), the routes that read it
// answer 503 with Retry-After at once, so the page can say it is preparing instead of waiting blind.
import { storeHealth } from "../db/health";

// @option RETRY_AFTER_SECONDS: number = 1, how soon the page asks again
export const RETRY_AFTER_SECONDS = 1;
// The routes the page waits on for its incidents and datasets; the others wait for the store as before.
const STORE_READS = ["/api/incidents", "/api/datasets"];

/** The 503 a store read gets while the store opens, or null when the request may go on. */
export function storeOpeningAnswer(path: string): { status: 503; headers: Record<string, string>; body: string } | null {
  if (storeHealth().state !== "opening" || !STORE_READS.some((p) => path === p || path.startsWith(`${p}/`))) return null;
  return {
    status: 503,
    headers: { "retry-after": String(RETRY_AFTER_SECONDS), "cache-control": "no-store", "content-type": "application/json" },
    body: JSON.stringify({ error: "preparing the database" }),
  };
}
