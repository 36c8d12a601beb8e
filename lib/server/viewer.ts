// Who is asking: the signed-in account behind a request's session cookie, or null. The read routes pass
// it to canRead (./dataset-access.ts). The cookie and the sessions table are lib/auth's (`__Host-session`
// over https, `session` otherwise; only the token's SHA-256 is stored); once lib/auth is on this branch,
// this is its sessionAccount(db, requestSessionToken(…)).
import "server-only";
import { createHash } from "node:crypto";
import type { Queryable } from "../db/types";
import type { Viewer } from "./dataset-access";

const COOKIES = ["__Host-session", "session"];
// lib/auth's session tokens: 32 random bytes as base64url.
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function sessionToken(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const name of COOKIES) {
    for (const part of cookieHeader.split(";")) {
      const eq = part.indexOf("=");
      if (eq > 0 && part.slice(0, eq).trim() === name) {
        const value = part.slice(eq + 1).trim();
        if (TOKEN.test(value)) return value;
      }
    }
  }
  return null;
}

export async function viewerOf(db: Queryable, request: Request): Promise<Viewer | null> {
  const token = sessionToken(request.headers.get("cookie"));
  if (!token) return null;
  const { rows } = await db.query<Viewer>(
    `SELECT a.id, a.role FROM sessions s JOIN accounts a ON a.id = s.account_id
     WHERE s.token_hash = decode($1, 'hex') AND s.expires_at > now() AND a.disabled_at IS NULL`,
    [createHash("sha256").update(token, "utf8").digest("hex")],
  );
  return rows[0] ?? null;
}
