// GET /api/session: who is signed in ({ account: { name, role } } or { account: null }).
// POST /api/session { name, password }: sign in; sets the session cookie. 401 with one message for any
// wrong name or password; 429 with Retry-After when the account name or the address tried too often.
// DELETE /api/session: sign out; the session is deleted and the cookie cleared.
import { SMALL_BODY } from "@/lib/server/body-limits";
import { ApiError, caller, clientAddress, handle, json, problem, readObject } from "@/lib/server/api";
import { clearedSessionCookie, sessionCookie } from "@/lib/auth/cookie";
import { signIn } from "@/lib/auth/sign-in";
import { deleteSession } from "@/lib/auth/sessions";
import { MAX_PASSWORD_LENGTH } from "@/lib/auth/password";
import type { Account } from "@/lib/auth/accounts";
import { hasControlCharacter } from "@/lib/rules/text";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const who = (a: Account | null) => ({ account: a && { name: a.name, role: a.role } });

export function GET(request: Request): Promise<Response> {
  return handle(async () => json(who((await caller(request)).account)));
}

export function POST(request: Request): Promise<Response> {
  return handle(async () => {
    const body = await readObject(request, SMALL_BODY);
    for (const field of ["name", "password"] as const) {
      const v = body[field];
      if (typeof v !== "string" || v.length === 0) throw new ApiError(400, `${field}: must be a non-empty string`, field);
    }
    const name = (body.name as string).slice(0, 200);
    // No account name holds a control character (the store's text cannot even hold U+0000).
    if (hasControlCharacter(name)) throw new ApiError(400, "name: must not hold control characters", "name");
    const password = (body.password as string).slice(0, MAX_PASSWORD_LENGTH + 1);
    const c = await caller(request);
    const result = await signIn(c.db, name, password, clientAddress(request));
    if (!result.ok) return problem(result.status, result.error, undefined, result.status === 429 ? { "retry-after": String(result.retryAfterSeconds) } : {});
    // Signing in again replaces the session the request came with.
    await deleteSession(c.db, c.token);
    return json(who(result.account), 200, { "set-cookie": sessionCookie(result.token, c.secure) });
  });
}

export function DELETE(request: Request): Promise<Response> {
  return handle(async () => {
    const c = await caller(request);
    await deleteSession(c.db, c.token);
    return json(who(null), 200, { "set-cookie": clearedSessionCookie(c.secure) });
  });
}
