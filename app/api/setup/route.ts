// POST /api/setup { token, name, password }: makes the first admin with the one-time key the server printed
// when it started with no account (lib/auth/first-admin.ts); 201. 403 for any other key, 409 once any account exists.
import { ApiError, caller, handle, json, readObject } from "@/lib/server/api";
import { SMALL_BODY } from "@/lib/server/body-limits";
import { firstAdmin, isSetupKey } from "@/lib/auth/first-admin";
import { hashPassword } from "@/lib/auth/password";
import { accountName, password, userView } from "@/lib/server/account-input";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handle(async () => {
    const body = await readObject(request, SMALL_BODY);
    if (typeof body.token !== "string" || body.token === "") throw new ApiError(400, "token: must be the setup key the server printed", "token");
    if (!isSetupKey(body.token)) throw new ApiError(403, "token: not this server's setup key (it is printed when the server starts with no account, and works once)", "token");
    const name = accountName(body.name);
    const passwordHash = await hashPassword(password(body.password));
    const c = await caller(request);
    const result = await firstAdmin(c.db, body.token, { name, passwordHash });
    if (!result.ok) throw new ApiError(result.status, result.error, result.status === 403 ? "token" : undefined);
    return json({ user: userView(result.account) }, 201);
  });
}
