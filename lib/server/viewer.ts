// Who is asking: the session a request's cookie names and its signed-in account (lib/auth's lookup), or
// null. The account routes' caller (./api.ts) and the read routes' viewer (./dataset-access.ts) both start here.
import "server-only";
import type { Queryable } from "../db/types";
import type { Account } from "../auth/accounts";
import { requestSessionToken } from "../auth/cookie";
import { sessionAccount } from "../auth/sessions";
import type { Viewer } from "./dataset-access";

export interface RequestSession {
  account: Account | null;
  /** The session token the request carried (valid or not). */
  token: string | null;
  /** The request came over https: the cookie is Secure with the __Host- prefix. */
  secure: boolean;
}

export async function requestSession(db: Queryable, request: Request): Promise<RequestSession> {
  const secure = new URL(request.url).protocol === "https:";
  const token = requestSessionToken(request.headers.get("cookie"), secure);
  return { account: await sessionAccount(db, token), token, secure };
}

export async function viewerOf(db: Queryable, request: Request): Promise<Viewer | null> {
  const { account } = await requestSession(db, request);
  return account && { id: account.id, role: account.role };
}
