import "server-only";
// Signing in: rate-limited per account name and per client address, the same work and the same answer
// for an unknown name, a disabled account and a wrong password.
import type { Queryable } from "../db/types";
import { getSignInRecord, type Account } from "./accounts";
import { RateLimiter, SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS, takeAll } from "./rate-limit";
import { spendDummyWork, verifyPassword } from "./password";
import { createSession } from "./sessions";

export const WRONG_CREDENTIALS = "The name or the password is wrong.";

export type SignInResult =
  | { ok: true; account: Account; token: string }
  | { ok: false; status: 401; error: string }
  | { ok: false; status: 429; error: string; retryAfterSeconds: number };

// One pair of limiters per server process, whichever route bundle asks (see lib/server/process-cache.ts).
const SLOT = Symbol.for("daraa-incident-map:sign-in-limits");
const slot = globalThis as unknown as Record<symbol, { perAccount: RateLimiter; perAddress: RateLimiter } | undefined>;
export const signInLimiters = () => (slot[SLOT] ??= { perAccount: new RateLimiter(SIGN_IN_PER_ACCOUNT), perAddress: new RateLimiter(SIGN_IN_PER_ADDRESS) });

export async function signIn(db: Queryable, name: string, password: string, address: string, now = Date.now()): Promise<SignInResult> {
  const { perAccount, perAddress } = signInLimiters();
  // Names are limited as typed (lower-cased), known or not, so the limit says nothing about which exist.
  const keys: [RateLimiter, string][] = [[perAccount, name.toLowerCase()], [perAddress, address]];
  const taken = takeAll(keys, now);
  if (!taken.ok) {
    const retryAfterSeconds = Math.ceil(taken.retryAfterMs / 1000);
    return { ok: false, status: 429, error: `Too many sign-in attempts: try again in ${retryAfterSeconds} seconds.`, retryAfterSeconds };
  }
  const record = await getSignInRecord(db, name);
  if (!record) {
    await spendDummyWork(password);
    return { ok: false, status: 401, error: WRONG_CREDENTIALS };
  }
  if (!(await verifyPassword(password, record.passwordHash))) return { ok: false, status: 401, error: WRONG_CREDENTIALS };
  for (const [limiter, key] of keys) limiter.refund(key, now);
  const account: Account = { id: record.id, name: record.name, role: record.role, createdAt: record.createdAt, disabledAt: record.disabledAt };
  return { ok: true, account, token: await createSession(db, account.id) };
}
