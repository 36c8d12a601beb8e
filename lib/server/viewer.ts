// Who is asking: the signed-in account behind a request's session cookie (lib/auth's lookup), or null.
// The read routes pass it to canRead (./dataset-access.ts).
import "server-only";
import type { Queryable } from "../db/types";
import { requestSessionToken } from "../auth/cookie";
import { sessionAccount } from "../auth/sessions";
import type { Viewer } from "./dataset-access";

export async function viewerOf(db: Queryable, request: Request): Promise<Viewer | null> {
  const secure = new URL(request.url).protocol === "https:";
  const account = await sessionAccount(db, requestSessionToken(request.headers.get("cookie"), secure));
  return account && { id: account.id, role: account.role };
}
