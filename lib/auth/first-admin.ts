import "server-only";
// The first admin without stopping the server: when the store has no account, the server prints a one-time
// setup key at start (lib/server/open-at-start.ts); POST /api/setup with that key, a name and a password makes the
// first admin. The key lives only in this process's memory (its hash), works once, and only while there is
// no account at all.
import { timingSafeEqual } from "node:crypto";
import type { Db } from "../db/types";
import { createAccount, type Account } from "./accounts";
import { SESSION_TOKEN_BYTES, newToken, tokenHash } from "./tokens";

const SLOT = Symbol.for("daraa-incident-map:setup-key");
const slot = globalThis as unknown as Record<symbol, Buffer | undefined>;

/** A fresh setup key when the store has no account (its hash kept in memory), else null. */
export async function offerSetup(db: Db): Promise<string | null> {
  const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM accounts");
  if (rows[0].n > 0) return null;
  const key = newToken(SESSION_TOKEN_BYTES);
  slot[SLOT] = tokenHash(key);
  return key;
}

export type SetupResult = { ok: true; account: Account } | { ok: false; status: 403 | 409; error: string };

const WRONG_KEY = "token: not this server's setup key (it is printed when the server starts with no account, and works once)";

/** Whether `key` is the live setup key (checked before a password is hashed, so a wrong key costs nothing). */
export function isSetupKey(key: string): boolean {
  const live = slot[SLOT];
  return live !== undefined && timingSafeEqual(live, tokenHash(key));
}

/** Makes the first admin if `key` is the live setup key and there is still no account; the key is spent either way. */
export async function firstAdmin(db: Db, key: string, account: { name: string; passwordHash: string }): Promise<SetupResult> {
  if (!isSetupKey(key)) return { ok: false, status: 403, error: WRONG_KEY };
  slot[SLOT] = undefined;
  return db.transaction(async (tx) => {
    // Another process (`npm run user -- add`, a restore) may have made one meanwhile.
    await tx.query("LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE");
    const { rows } = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM accounts");
    if (rows[0].n > 0) return { ok: false, status: 409, error: "the store has accounts already: an admin adds the others" } as const;
    return { ok: true, account: await createAccount(tx, { ...account, role: "admin" }) } as const;
  });
}
