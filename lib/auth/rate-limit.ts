import "server-only";
// Token buckets in this process's memory: each key holds up to `capacity` tries and regains one every
// `refillMs`. A process restart forgets them; replicas each keep their own (the per-account limit then
// multiplies by the replica count, which the README says).

export interface BucketLimits {
  capacity: number;
  refillMs: number;
}

// Every try spends one before it is checked (so parallel tries cannot slip past). A successful sign-in gives
// back what it spent from the per-name buckets, which count failures; the address's bucket counts every try.
// @option SIGN_IN_PER_ACCOUNT: BucketLimits = 5 failures, then one a minute, per account name (known or not) from
// all addresses: past it, an address that failed on the name waits, one that never did is only slowed
export const SIGN_IN_PER_ACCOUNT: BucketLimits = { capacity: 5, refillMs: 60_000 };
// @option SIGN_IN_PER_NAME_AND_ADDRESS: BucketLimits = 5 failures, then one a minute, per account name and address
export const SIGN_IN_PER_NAME_AND_ADDRESS: BucketLimits = { capacity: 5, refillMs: 60_000 };
// @option SIGN_IN_PER_ADDRESS: BucketLimits = 20 tries, then one every 6 s (10 a minute), per client address (an IPv6 /64)
export const SIGN_IN_PER_ADDRESS: BucketLimits = { capacity: 20, refillMs: 6_000 };
// @option MAX_BUCKETS: number = 10000 keys per limiter; past it full buckets are forgotten, then the oldest
export const MAX_BUCKETS = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(readonly limits: BucketLimits) {}

  private current(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key);
    if (!bucket) return { tokens: this.limits.capacity, at: now };
    const regained = Math.floor((now - bucket.at) / this.limits.refillMs);
    if (regained <= 0) return bucket;
    const tokens = Math.min(this.limits.capacity, bucket.tokens + regained);
    // A full bucket starts its clock now; a partial one keeps the part of a refill already waited.
    return { tokens, at: tokens === this.limits.capacity ? now : bucket.at + regained * this.limits.refillMs };
  }

  /** Milliseconds until `key` has a try, 0 when it has one now. */
  wait(key: string, now = Date.now()): number {
    const bucket = this.current(key, now);
    return bucket.tokens >= 1 ? 0 : bucket.at + this.limits.refillMs - now;
  }

  /** Spends one try of `key` (call after wait() said 0). */
  spend(key: string, now = Date.now()): void {
    const bucket = this.current(key, now);
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: Math.max(0, bucket.tokens - 1), at: bucket.at });
    if (this.buckets.size > MAX_BUCKETS) this.prune(now);
  }

  /** Gives back a try spent by spend() (a sign-in that succeeded): only failures wear a bucket down. */
  refund(key: string, now = Date.now()): void {
    if (!this.buckets.has(key)) return;
    const bucket = this.current(key, now);
    this.buckets.set(key, { tokens: Math.min(this.limits.capacity, bucket.tokens + 1), at: bucket.at });
  }

  private prune(now: number): void {
    for (const [key] of this.buckets) if (this.current(key, now).tokens >= this.limits.capacity) this.buckets.delete(key);
    // Still too many (a flood of distinct keys): the least recently used go first (Map keeps insertion order).
    for (const [key] of this.buckets) {
      if (this.buckets.size <= MAX_BUCKETS) break;
      this.buckets.delete(key);
    }
  }
}

/**
 * Asks every (limiter, key) pair for a try: all spend one, or none does and the answer is the longest
 * wait in milliseconds.
 */
export function spendAll(pairs: readonly [RateLimiter, string][], now = Date.now()): { ok: true } | { ok: false; retryAfterMs: number } {
  const wait = Math.max(0, ...pairs.map(([limiter, key]) => limiter.wait(key, now)));
  if (wait > 0) return { ok: false, retryAfterMs: wait };
  for (const [limiter, key] of pairs) limiter.spend(key, now);
  return { ok: true };
}
