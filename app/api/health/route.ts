// GET /api/health: whether this server can answer data requests, for load balancers and scripts. 200 with
// { store: "open", engine } once the store is open; 503 with { store: "opening" | "closed" | "failed" }.
import { storeHealth } from "@/lib/db/open";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(): Response {
  const h = storeHealth();
  const body = h.state === "open" ? { store: "open", engine: h.engine } : h.state === "failed" ? { store: "failed", reason: h.reason } : { store: h.state };
  return Response.json(body, { status: h.state === "open" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
