import "server-only";
// What the process's store is doing, apart from the code that opens it: the front door reads it on every
// request (lib/server/store-opening.ts) without loading the engines.
import type { Db } from "./types";

// Next gives each route (and server.ts, run by tsx, another) its own copy of lib/'s modules; a registered symbol names one slot.
const HEALTH = Symbol.for("daraa-incident-map:db-health");
const health = globalThis as unknown as Record<symbol, StoreHealth | undefined>;

/** The process's store as GET /api/health reports it: opening, open (with its engine), or why it failed. */
export type StoreHealth = { state: "closed" | "opening" } | { state: "open"; engine: Db["engine"] } | { state: "failed"; reason: string };

/** What the store is doing now; never opens it. */
export const storeHealth = (): StoreHealth => health[HEALTH] ?? { state: "closed" };

export function setStoreHealth(h: StoreHealth): void {
  health[HEALTH] = h;
}
