// lib/auth against the database, on both engines: accounts, sign-in, sessions, link keys, shares and the
// `npm run user` commands.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, testStore, type TestStore } from "../support/db";
import type { Engine } from "@/lib/db/engine";
import { createAccount, getAccountByName, updateAccount } from "@/lib/auth/accounts";
import { hashPassword } from "@/lib/auth/password";
import { MAX_SESSIONS_PER_ACCOUNT, UNDER_ATTACK_DELAY_MS, WRONG_CREDENTIALS, signIn } from "@/lib/auth/sign-in";
import { createSession, deleteSession, sessionAccount } from "@/lib/auth/sessions";
import { tokenHash } from "@/lib/auth/tokens";
import { accessTo, createLinkKey, isLiveKey, revokeLinkKeys, setShares, shareNames } from "@/lib/auth/access";
import { runUserCommand } from "@/lib/auth/user-command";
import { SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS, SIGN_IN_PER_NAME_AND_ADDRESS } from "@/lib/auth/rate-limit";

const PASSWORD = "a long enough password";

describe.each(ENGINES)("lib/auth on %s", (engine) => {
  let store: TestStore;
  let db: Engine;
  let hash: string;
  beforeAll(async () => {
    store = await testStore(engine);
    db = await store.open({ seed: false });
    hash = await hashPassword(PASSWORD);
    // The limiters are the process's: each engine's run starts with fresh ones.
    delete (globalThis as Record<symbol, unknown>)[Symbol.for("daraa-incident-map:sign-in-limits")];
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  it("signs in with the right password only; an unknown name, a wrong password and a disabled account get the same answer", async () => {
    await createAccount(db, { name: "amira", role: "editor", passwordHash: hash });
    await createAccount(db, { name: "gone", role: "editor", passwordHash: hash });
    await updateAccount(db, "gone", { disabled: true });
    const ok = await signIn(db, "amira", PASSWORD, `${engine}-1`);
    expect(ok.ok && ok.account.name).toBe("amira");
    for (const [name, password] of [["amira", "not the password"], ["nobody", PASSWORD], ["gone", PASSWORD]]) {
      expect(await signIn(db, name, password, `${engine}-1`)).toEqual({ ok: false, status: 401, error: WRONG_CREDENTIALS });
    }
  });

  it("keeps only the session token's SHA-256; the token finds its account until it is deleted or expires", async () => {
    const amira = (await getAccountByName(db, "amira"))!;
    const token = await createSession(db, amira.id);
    expect((await sessionAccount(db, token))?.name).toBe("amira");
    const { rows } = await db.query<{ token_hash: Uint8Array }>("SELECT token_hash FROM sessions WHERE account_id = $1", [amira.id]);
    expect(rows.map((r) => Buffer.from(r.token_hash).toString("hex"))).toContain(tokenHash(token).toString("hex"));
    expect(rows.some((r) => Buffer.from(r.token_hash).toString("base64url") === token)).toBe(false);
    await deleteSession(db, token);
    expect(await sessionAccount(db, token)).toBeNull();
    const expired = await createSession(db, amira.id, -1);
    expect(await sessionAccount(db, expired)).toBeNull();
    expect(await sessionAccount(db, "not-a-token")).toBeNull();
  });

  it("ends an account's sessions when it is disabled", async () => {
    const a = await createAccount(db, { name: "leaver", role: "viewer", passwordHash: hash });
    const token = await createSession(db, a.id);
    await updateAccount(db, "leaver", { disabled: true });
    expect(await sessionAccount(db, token)).toBeNull();
  });

  it("never locks the owner out: failures on a name from other addresses slow a sign-in, and only the failing address is denied", async () => {
    await createAccount(db, { name: "target", role: "viewer", passwordHash: hash });
    const now = Date.now();
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT.capacity; i++) expect((await signIn(db, "target", "wrong", `${engine}-addr-${i}`, now)).ok).toBe(false);
    const started = performance.now();
    const owner = await signIn(db, "target", PASSWORD, `${engine}-addr-x`, now);
    expect(owner.ok).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(UNDER_ATTACK_DELAY_MS - 5);
    // One address that keeps failing runs out of its own tries, and only it.
    for (let i = 0; i < SIGN_IN_PER_NAME_AND_ADDRESS.capacity - 1; i++) expect(await signIn(db, "target", "wrong", `${engine}-addr-0`, now)).toEqual({ ok: false, status: 401, error: WRONG_CREDENTIALS });
    expect(await signIn(db, "target", PASSWORD, `${engine}-addr-0`, now)).toEqual({ ok: false, status: 429, error: "Too many sign-in attempts: try again in 60 seconds.", retryAfterSeconds: 60 });
    expect((await signIn(db, "target", PASSWORD, `${engine}-addr-y`, now)).ok).toBe(true);
  }, 120_000);

  it("counts an IPv6 address by its /64: new addresses of one network share its tries", async () => {
    const now = Date.now();
    for (let i = 1; i <= SIGN_IN_PER_NAME_AND_ADDRESS.capacity; i++) await signIn(db, "amira", "wrong", `2001:db8:7::${i}`, now);
    expect((await signIn(db, "amira", PASSWORD, "2001:db8:7:0:ffff::1", now)).ok).toBe(false);
    expect((await signIn(db, "amira", PASSWORD, "2001:db8:7:1::1", now)).ok).toBe(true);
  }, 120_000);

  it("counts successful sign-ins toward the address's budget", async () => {
    const now = Date.now();
    const address = `${engine}-busy`;
    await createAccount(db, { name: "busy", role: "viewer", passwordHash: hash });
    for (let i = 0; i < SIGN_IN_PER_ADDRESS.capacity; i++) expect((await signIn(db, "busy", PASSWORD, address, now)).ok).toBe(true);
    expect(await signIn(db, "busy", PASSWORD, address, now)).toMatchObject({ ok: false, status: 429 });
  }, 180_000);

  it("keeps at most MAX_SESSIONS_PER_ACCOUNT sessions per account, ending the oldest", async () => {
    const a = await createAccount(db, { name: "many", role: "viewer", passwordHash: hash });
    const tokens: string[] = [];
    for (let i = 0; i < 5; i++) tokens.push(await createSession(db, a.id, undefined, 3));
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM sessions WHERE account_id = $1", [a.id]);
    expect(rows[0].n).toBe(3);
    expect(await sessionAccount(db, tokens[4])).not.toBeNull();
    expect(await sessionAccount(db, tokens[0])).toBeNull();
    expect(MAX_SESSIONS_PER_ACCOUNT).toBeGreaterThan(1);
  });

  it("link keys open their dataset until revoked, and no other", async () => {
    const owner = (await getAccountByName(db, "amira"))!;
    const ds = (await db.query<{ id: number }>("INSERT INTO datasets (slug, name, visibility, owner_id) VALUES ('by-link', 'By link', 'link', $1) RETURNING id", [owner.id])).rows[0];
    const other = (await db.query<{ id: number }>("INSERT INTO datasets (slug, name, visibility, owner_id) VALUES ('other', 'Other', 'link', $1) RETURNING id", [owner.id])).rows[0];
    const key = await createLinkKey(db, ds.id);
    expect(key).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await isLiveKey(db, ds.id, key)).toBe(true);
    expect(await isLiveKey(db, other.id, key)).toBe(false);
    const facts = { id: ds.id, ownerId: owner.id, visibility: "link" as const };
    expect((await accessTo(db, null, facts, key)).read).toBe(true);
    expect(await revokeLinkKeys(db, ds.id, null)).toBe(1);
    expect(await isLiveKey(db, ds.id, key)).toBe(false);
    expect((await accessTo(db, null, facts, key)).read).toBe(false);
  });

  it("shares with exactly the named accounts, or changes nothing when a name is unknown", async () => {
    const ds = (await db.query<{ id: number }>("SELECT id FROM datasets WHERE slug = 'by-link'")).rows[0];
    expect(await setShares(db, ds.id, ["target", "leaver"])).toEqual({ unknown: [] });
    expect(await shareNames(db, ds.id)).toEqual(["leaver", "target"]);
    expect(await setShares(db, ds.id, ["target", "ghost"])).toEqual({ unknown: ["ghost"] });
    expect(await shareNames(db, ds.id)).toEqual(["leaver", "target"]);
    expect(await setShares(db, ds.id, [])).toEqual({ unknown: [] });
    expect(await shareNames(db, ds.id)).toEqual([]);
  });

  it("npm run user: add (password from input, a short one refused), list, set-role, disable", async () => {
    const lines: string[] = [];
    const io = (password: string) => ({ readPassword: async () => password, out: (l: string) => lines.push(l) });
    expect(await runUserCommand(db, ["add", "root", "--role", "admin"], io("short"))).toBe(1);
    expect(lines.pop()).toBe("refused: password: must be at least 12 characters (it has 5)");
    expect(await getAccountByName(db, "root")).toBeNull();
    expect(await runUserCommand(db, ["add", "root", "--role", "admin"], io(PASSWORD))).toBe(0);
    expect((await signIn(db, "root", PASSWORD, `${engine}-cli`)).ok).toBe(true);
    expect(await runUserCommand(db, ["add", "root", "--role", "admin"], io(PASSWORD))).toBe(1);
    expect(await runUserCommand(db, ["add", "x y", "--role", "admin"], io(PASSWORD))).toBe(1);
    expect(await runUserCommand(db, ["add", "zed", "--role", "boss"], io(PASSWORD))).toBe(1);
    expect(lines.pop()).toBe('refused: role: must be one of admin, editor, viewer (value: "boss")');
    expect(await runUserCommand(db, ["set-role", "root", "viewer"], io(""))).toBe(1);
    expect(lines.pop()).toBe("refused: root is the last admin; make another admin first");
    expect(await runUserCommand(db, ["set-role", "target", "editor"], io(""))).toBe(0);
    expect(await runUserCommand(db, ["disable", "target"], io(""))).toBe(0);
    lines.length = 0;
    expect(await runUserCommand(db, ["list"], io(""))).toBe(0);
    expect(lines).toEqual(["amira\teditor", "busy\tviewer", "gone\teditor\tdisabled", "leaver\tviewer\tdisabled", "many\tviewer", "root\tadmin", "target\teditor\tdisabled"]);
    expect(await runUserCommand(db, ["frobnicate"], io(""))).toBe(2);
  });
});
