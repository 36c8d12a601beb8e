import "server-only";
// Signing in: rate-limited per account name and address, per address, and per account name from anywhere,
// the same work and the same answer for an unknown name, a disabled account and a wrong password. An
// attacker slows their own tries; the owner, from an address that has tries left, is slowed but let in.
import type { Queryable } from "../db/types";
import { getSignInRecord, type Account } from "./accounts";
import { addressBucket } from "./address-bucket";
import { RateLimiter, SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS, SIGN_IN_PER_NAME_AND_ADDRESS, spendAll } from "./rate-limit";
import { spendDummyWork, verifyPassword } from "./password";
import { createSession } from "./sessions";

export const WRONG_CREDENTIALS = "The name or the password is wrong.";

export type SignInResult =
  | { ok: true; account: Account; token: string }
  | { ok: false; status: 401; error: string }
  | { ok: false; status: 429; error: string; retryAfterSeconds: number };

// @option UNDER_ATTACK_DELAY_MS: number = 1000, how long a sign-in waits while its account name is out of tries
// (failures from all addresses together)
export const UNDER_ATTACK_DELAY_MS = 1000;
// @option MAX_SESSIONS_PER_ACCOUNT: number = 20, sessions an account keeps; a new one ends the oldest
export const MAX_SESSIONS_PER_ACCOUNT = 20;

// One set of limiters per server process, whichever route bundle asks (see lib/server/process-cache.ts).
const SLOT = Symbol.for("daraa-incident-map:sign-in-limits");
type Limiters = { perAccount: RateLimiter; perPair: RateLimiter; perAddress: RateLimiter };
const slot = globalThis as unknown as Record<symbol, Limiters | undefined>;
export const signInLimiters = (): Limiters =>
  (slot[SLOT] ??= { perAccount: new RateLimiter(SIGN_IN_PER_ACCOUNT), perPair: new RateLimiter(SIGN_IN_PER_NAME_AND_ADDRESS), perAddress: new RateLimiter(SIGN_IN_PER_ADDRESS) });

const tooMany = (ms: number): SignInResult => {
  const retryAfterSeconds = Math.ceil(ms / 1000);
  return { ok: false, status: 429, error: `Too many sign-in attempts: try again in ${retryAfterSeconds} seconds.`, retryAfterSeconds };
};

export async function signIn(db: Queryable, name: string, password: string, address: string, now = Date.now()): Promise<SignInResult> {
  const { perAccount, perPair, perAddress } = signInLimiters();
  // Names are limited as typed (lower-cased), known or not, so the limit says nothing about which exist.
  const account = name.toLowerCase();
  const pair = `${account}\u0000${addressBucket(address)}`;
  const spent = spendAll([[perPair, pair], [perAddress, addressBucket(address)]], now);
  if (!spent.ok) return tooMany(spent.retryAfterMs);
  // Failures on this name from every address only slow a sign-in: each address is denied by its own failures.
  const underAttack = perAccount.wait(account, now) > 0;
  if (underAttack) await new Promise((resolve) => setTimeout(resolve, UNDER_ATTACK_DELAY_MS));
  else perAccount.spend(account, now);
  const record = await getSignInRecord(db, name);
  if (!record) {
    await spendDummyWork(password);
    return { ok: false, status: 401, error: WRONG_CREDENTIALS };
  }
  if (!(await verifyPassword(password, record.passwordHash))) return { ok: false, status: 401, error: WRONG_CREDENTIALS };
  perPair.refund(pair, now);
  if (!underAttack) perAccount.refund(account, now);
  const signedIn: Account = { id: record.id, name: record.name, role: record.role, createdAt: record.createdAt, disabledAt: record.disabledAt };
  return { ok: true, account: signedIn, token: await createSession(db, signedIn.id, undefined, MAX_SESSIONS_PER_ACCOUNT) };
}
