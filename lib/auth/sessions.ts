import "server-only";
// Sessions: the cookie holds 256 random bits, the table their SHA-256 and an expiry.
import type { Queryable } from "../db/types";
import type { Account } from "./accounts";
import { SESSION_TTL_SECONDS } from "./cookie";
import { SESSION_TOKEN_BYTES, isTokenText, newToken, tokenHash } from "./tokens";

/**
 * Starts a session for the account; returns the token for its cookie. Expired sessions are swept on the
 * way, and past `maxSessions` the account's oldest end (a flood of sign-ins cannot grow the table).
 */
export async function createSession(db: Queryable, accountId: number, ttlSeconds = SESSION_TTL_SECONDS, maxSessions = Infinity): Promise<string> {
  const token = newToken(SESSION_TOKEN_BYTES);
  await db.query("DELETE FROM sessions WHERE expires_at <= now()");
  await db.query("INSERT INTO sessions (token_hash, account_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))", [tokenHash(token), accountId, ttlSeconds]);
  if (Number.isFinite(maxSessions)) {
    await db.query(
      `DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2 AND token_hash NOT IN
         (SELECT token_hash FROM sessions WHERE account_id = $1 AND token_hash <> $2 ORDER BY created_at DESC, expires_at DESC LIMIT $3)`,
      [accountId, tokenHash(token), Math.max(0, maxSessions - 1)],
    );
  }
  return token;
}

/** The signed-in account a session token stands for: null when unknown, expired or its account disabled. */
export async function sessionAccount(db: Queryable, token: string | null): Promise<Account | null> {
  if (!token || !isTokenText(token, SESSION_TOKEN_BYTES)) return null;
  const { rows } = await db.query<Account>(
    `SELECT a.id, a.name, a.role, a.created_at AS "createdAt", a.disabled_at AS "disabledAt"
     FROM sessions s JOIN accounts a ON a.id = s.account_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND a.disabled_at IS NULL`,
    [tokenHash(token)],
  );
  return rows[0] ?? null;
}

/** Ends the session (sign-out). */
export async function deleteSession(db: Queryable, token: string | null): Promise<void> {
  if (token && isTokenText(token, SESSION_TOKEN_BYTES)) await db.query("DELETE FROM sessions WHERE token_hash = $1", [tokenHash(token)]);
}
