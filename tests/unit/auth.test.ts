// lib/auth: password hashing, the sign-in rate limit, the Origin check on writes and the session cookie.
import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, SCRYPT_N, hashPassword, passwordIssue, spendDummyWork, verifyPassword } from "@/lib/auth/password";
import { RateLimiter, spendAll } from "@/lib/auth/rate-limit";
import { addressBucket } from "@/lib/auth/address-bucket";
import { originProblem } from "@/lib/auth/origin";
import { clearedSessionCookie, readCookie, requestSessionToken, sessionCookie, SESSION_TTL_SECONDS } from "@/lib/auth/cookie";
import { LINK_TOKEN_BYTES, SESSION_TOKEN_BYTES, isTokenText, newToken, tokenHash } from "@/lib/auth/tokens";
import { datasetAccess, type DatasetFacts } from "@/lib/auth/access";
import type { Account } from "@/lib/auth/accounts";

describe("passwords", () => {
  it("hash as scrypt$N$r$p$salt$hash and verify only the same password", async () => {
    const stored = await hashPassword("correct horse battery");
    const [scheme, N, r, p, salt, key] = stored.split("$");
    expect([scheme, N, r, p]).toEqual(["scrypt", String(SCRYPT_N), "8", "1"]);
    expect(Buffer.from(salt, "base64")).toHaveLength(16);
    expect(Buffer.from(key, "base64")).toHaveLength(32);
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salt each hash: the same password hashes differently", async () => {
    expect(await hashPassword("same password here")).not.toBe(await hashPassword("same password here"));
  });

  it("verify a hash made with another cost by the cost it names", async () => {
    // N=1024 r=1 p=1, salt "c2FsdA==" ("salt"), key for "pw": computed independently with Python's hashlib.scrypt.
    const stored = "scrypt$1024$1$1$c2FsdA==$MHpWrajyj20xVNR7doDIlR67j1/lCcUseV3QqS3uXKQ=";
    expect(await verifyPassword("pw", stored)).toBe(true);
  });

  it.each(["", "bcrypt$x", "scrypt$1000$8$1$c2FsdA==$a2V5", "scrypt$2097152$8$1$c2FsdA==$a2V5", "scrypt$1024$999$1$c2FsdA==$a2V5", "scrypt$1024$1$1$$"])(
    "refuse a malformed or too costly stored hash %j",
    async (stored) => {
      expect(await verifyPassword("pw", stored)).toBe(false);
    },
  );

  it("never runs a stored cost above the server's own, such as a restored dump's scrypt$1048576$8$64 (minutes of CPU, gigabytes)", async () => {
    const t = performance.now();
    expect(await verifyPassword("pw", "scrypt$1048576$8$64$c2FsdA==$a2V5")).toBe(false);
    expect(await verifyPassword("pw", `scrypt$${SCRYPT_N * 2}$8$1$c2FsdA==$a2V5`)).toBe(false);
    // Two dummy derivations at the server's cost, not one at 32 times its memory and 64 times its work.
    expect(performance.now() - t).toBeLessThan(5_000);
  });

  it("keeps file reads moving while many sign-ins hash at once (libuv's threads are not all taken)", async () => {
    await spendDummyWork("one hash first, to warm up");
    // Which ends first, not how long: the machine's other work slows the hashes and the read alike.
    let firstHashDone = Infinity;
    const hashes = Array.from({ length: 8 }, (_, i) => spendDummyWork(`password ${i}`).then(() => void (firstHashDone = Math.min(firstHashDone, performance.now()))));
    await new Promise((r) => setTimeout(r, 20));
    await readFile("package.json");
    const readDone = performance.now();
    await Promise.all(hashes);
    // With all four pool threads hashing, the read waits for a hash to end; with places left, it ends first.
    expect(readDone).toBeLessThan(firstHashDone);
  }, 60_000);

  it("count a password's length as sign-in counts it, and refuse a blank one", () => {
    const emoji = "😀".repeat(600);
    expect(passwordIssue(emoji)).toBeNull();
    expect(passwordIssue("😀".repeat(MAX_PASSWORD_LENGTH + 1))).toBe(`password: must be at most ${MAX_PASSWORD_LENGTH} characters (it has ${MAX_PASSWORD_LENGTH + 1})`);
    expect(passwordIssue(" ".repeat(12))).toBe("password: must not be blank");
  });

  it("a 600-emoji password that was accepted signs in", async () => {
    const emoji = "😀".repeat(600);
    expect(await verifyPassword(emoji, await hashPassword(emoji))).toBe(true);
  });

  it("refuse a short new password, naming its length", () => {
    expect(passwordIssue("short")).toBe(`password: must be at least ${MIN_PASSWORD_LENGTH} characters (it has 5)`);
    expect(passwordIssue("a".repeat(MIN_PASSWORD_LENGTH))).toBeNull();
  });

  it("an unknown name costs about what a wrong password costs", async () => {
    const stored = await hashPassword("the real password");
    const time = async (f: () => Promise<unknown>) => {
      const t = performance.now();
      await f();
      return performance.now() - t;
    };
    const wrong = [];
    const dummy = [];
    // Five of each, interleaved, compared by their medians: the machine's other work lands on both alike.
    for (let i = 0; i < 5; i++) {
      wrong.push(await time(() => verifyPassword("a wrong password", stored)));
      dummy.push(await time(() => spendDummyWork("a wrong password")));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[2];
    // What this guards against is an answer that skips the hash (a ratio near 0, e.g. 0.001) or does far more
    // work; bounds of 0.5–2 failed on a busy CI machine at 0.43 with both doing the same scrypt.
    expect(median(dummy) / median(wrong)).toBeGreaterThan(0.25);
    expect(median(dummy) / median(wrong)).toBeLessThan(4);
  }, 60_000);
});

describe("rate limit (token bucket)", () => {
  it("allow the capacity, then one per refill period, with the wait in between", () => {
    const l = new RateLimiter({ capacity: 3, refillMs: 1000 });
    for (let i = 0; i < 3; i++) expect(spendAll([[l, "a"]], 0)).toEqual({ ok: true });
    expect(spendAll([[l, "a"]], 0)).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(spendAll([[l, "a"]], 400)).toEqual({ ok: false, retryAfterMs: 600 });
    expect(spendAll([[l, "b"]], 400)).toEqual({ ok: true });
    expect(spendAll([[l, "a"]], 1000)).toEqual({ ok: true });
    expect(spendAll([[l, "a"]], 1500)).toEqual({ ok: false, retryAfterMs: 500 });
    // After a long pause it is full again, never fuller.
    for (let i = 0; i < 3; i++) expect(spendAll([[l, "a"]], 100_000)).toEqual({ ok: true });
    expect(spendAll([[l, "a"]], 100_000).ok).toBe(false);
  });

  it("a refund gives back one try, never more than the capacity", () => {
    const l = new RateLimiter({ capacity: 2, refillMs: 1000 });
    spendAll([[l, "a"]], 0);
    spendAll([[l, "a"]], 0);
    expect(l.wait("a", 0)).toBe(1000);
    l.refund("a", 0);
    expect(spendAll([[l, "a"]], 0).ok).toBe(true);
    l.refund("a", 0);
    l.refund("a", 0);
    l.refund("a", 0);
    expect(spendAll([[l, "a"]], 0).ok).toBe(true);
    expect(spendAll([[l, "a"]], 0).ok).toBe(true);
    expect(spendAll([[l, "a"]], 0).ok).toBe(false);
  });

  it("spend from every bucket or none: an empty one answers the longest wait", () => {
    const name = new RateLimiter({ capacity: 1, refillMs: 60_000 });
    const address = new RateLimiter({ capacity: 5, refillMs: 1000 });
    expect(spendAll([[name, "x"], [address, "ip"]], 0).ok).toBe(true);
    expect(spendAll([[name, "x"], [address, "ip"]], 0)).toEqual({ ok: false, retryAfterMs: 60_000 });
    // The refused try did not spend the address's: four are left.
    for (let i = 0; i < 4; i++) expect(spendAll([[name, `y${i}`], [address, "ip"]], 0).ok).toBe(true);
    expect(spendAll([[name, "z"], [address, "ip"]], 0)).toEqual({ ok: false, retryAfterMs: 1000 });
  });
});

describe("the address a rate limit counts by", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2:a:b:c:d", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002::1", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["unknown", "unknown"],
  ])("%s → %s", (address, bucket) => {
    expect(addressBucket(address)).toBe(bucket);
  });
});

describe("Origin on writes", () => {
  const own = "http://127.0.0.1:3000";
  it.each([
    ["GET", "https://evil.example", true, null],
    ["POST", own, true, null],
    ["POST", own, false, null],
    ["POST", null, false, null],
    ["POST", null, true, "Origin: a signed-in write must carry an Origin header (browsers send one)"],
    ["DELETE", "https://evil.example", false, `Origin: "https://evil.example" is not this site (${own}); writes are accepted only from the app's own pages`],
    ["PATCH", "null", true, `Origin: "null" is not this site (${own}); writes are accepted only from the app's own pages`],
    ["PUT", "http://127.0.0.1:3001", true, `Origin: "http://127.0.0.1:3001" is not this site (${own}); writes are accepted only from the app's own pages`],
  ] as const)("%s from %s (session: %s)", (method, origin, hasSession, expected) => {
    expect(originProblem({ method, origin, hasSession, ownOrigin: own })).toBe(expected);
  });
});

describe("session cookie", () => {
  it("is HttpOnly, SameSite=Lax, Path=/, with the expiry; Secure and __Host- over https only", () => {
    expect(sessionCookie("abc", false)).toBe(`session=abc; Path=/; Max-Age=${SESSION_TTL_SECONDS}; HttpOnly; SameSite=Lax`);
    expect(sessionCookie("abc", true)).toBe(`__Host-session=abc; Path=/; Max-Age=${SESSION_TTL_SECONDS}; HttpOnly; SameSite=Lax; Secure`);
    expect(clearedSessionCookie(true)).toBe("__Host-session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure");
  });

  it("is read by the name for the request's scheme", () => {
    const header = "theme=dark; session=plain; __Host-session=secure";
    expect(requestSessionToken(header, false)).toBe("plain");
    expect(requestSessionToken(header, true)).toBe("secure");
    expect(requestSessionToken("session=", false)).toBeNull();
    expect(readCookie(null, "session")).toBeNull();
    expect(readCookie("xsession=1; session=2", "session")).toBe("2");
  });
});

describe("tokens", () => {
  it("are random base64url of the declared size, stored as SHA-256", () => {
    const a = newToken(SESSION_TOKEN_BYTES);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken(SESSION_TOKEN_BYTES)).not.toBe(a);
    expect(LINK_TOKEN_BYTES * 8).toBeGreaterThanOrEqual(128);
    expect(isTokenText(newToken(LINK_TOKEN_BYTES), LINK_TOKEN_BYTES)).toBe(true);
    expect(isTokenText("a".repeat(24) + "=", LINK_TOKEN_BYTES)).toBe(false);
    // SHA-256("abc"), FIPS 180-2 appendix B.1.
    expect(tokenHash("abc").toString("hex")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("dataset access (the README's roles table)", () => {
  const acct = (id: number, role: Account["role"]): Account => ({ id, name: `a${id}`, role, createdAt: new Date(0), disabledAt: null });
  const admin = acct(1, "admin");
  const owner = acct(2, "editor");
  const editor = acct(3, "editor");
  const viewer = acct(4, "viewer");
  const d = (visibility: DatasetFacts["visibility"]): DatasetFacts => ({ id: 9, ownerId: 2, visibility });
  const none = { shared: false, liveKey: false };
  const R = { read: true, add: false, manage: false };
  const NONE = { read: false, add: false, manage: false };
  const ALL = { read: true, add: true, manage: true };

  it.each([
    ["public, anonymous", null, d("public"), none, R],
    ["private, anonymous", null, d("private"), none, NONE],
    ["link, anonymous with a live key", null, d("link"), { shared: false, liveKey: true }, R],
    ["link, anonymous without one", null, d("link"), none, NONE],
    ["private, with a key but not link visibility", null, d("private"), { shared: false, liveKey: true }, NONE],
    ["private, owner", owner, d("private"), none, ALL],
    ["private, admin", admin, d("private"), none, ALL],
    ["private, another editor", editor, d("private"), none, NONE],
    ["private, an editor it is shared with", editor, d("private"), { shared: true, liveKey: false }, { read: true, add: true, manage: false }],
    ["private, a viewer it is shared with", viewer, d("private"), { shared: true, liveKey: false }, R],
    ["public, a viewer", viewer, d("public"), none, R],
    ["public, another editor", editor, d("public"), none, R],
  ] as const)("%s", (_, account, facts, extra, expected) => {
    expect(datasetAccess(account, facts, extra)).toEqual(expected);
  });

  it("a viewer who somehow owns a dataset still cannot change it", () => {
    expect(datasetAccess(acct(2, "viewer"), d("private"), none)).toEqual(R);
  });
});
