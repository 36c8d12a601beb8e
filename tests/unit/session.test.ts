// Who is signed in (components/account/session.ts): the page's read, a sign-in and a sign-out.
import { describe, expect, it } from "vitest";
import { ASKING, reduceSession } from "@/components/account/session";

const ADA = { name: "ada", role: "editor" as const };

describe("reduceSession", () => {
  it("is asking until the server answers, then holds its answer", () => {
    expect(ASKING.account).toBeUndefined();
    expect(reduceSession(ASKING, { type: "sessionRead", account: ADA }).account).toEqual(ADA);
    expect(reduceSession(ASKING, { type: "sessionRead", account: null }).account).toBeNull();
  });

  it("signs in and out", () => {
    const signedIn = reduceSession({ account: null }, { type: "signedIn", account: ADA });
    expect(signedIn.account).toEqual(ADA);
    expect(reduceSession(signedIn, { type: "signedOut" }).account).toBeNull();
    const out = { account: null };
    expect(reduceSession(out, { type: "signedOut" })).toBe(out);
  });

  it("keeps a sign-in or sign-out made before the first read answered", () => {
    const signedIn = reduceSession(ASKING, { type: "signedIn", account: ADA });
    expect(reduceSession(signedIn, { type: "sessionRead", account: null })).toBe(signedIn);
    const signedOut = reduceSession(ASKING, { type: "signedOut" });
    expect(reduceSession(signedOut, { type: "sessionRead", account: ADA }).account).toBeNull();
  });
});
