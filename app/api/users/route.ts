// GET /api/users: every account (admins only). POST /api/users { name, role, password }: an admin adds an
// account (201); 409 when the name is taken. There is no sign-up.
import { SMALL_BODY } from "@/lib/server/body-limits";
import { ApiError, caller, handle, json, readObject } from "@/lib/server/api";
import { createAccount, getAccountByName, listAccounts } from "@/lib/auth/accounts";
import { hashPassword } from "@/lib/auth/password";
import { accountName, admin, password, role, userView } from "@/lib/server/account-input";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const c = await caller(request);
    admin(c);
    return json({ users: (await listAccounts(c.db)).map(userView) });
  });
}

export function POST(request: Request): Promise<Response> {
  return handle(async () => {
    const c = await caller(request);
    admin(c);
    const body = await readObject(request, SMALL_BODY);
    const name = accountName(body.name);
    const r = role(body.role);
    const hash = await hashPassword(password(body.password));
    if (await getAccountByName(c.db, name)) throw new ApiError(409, `name: ${JSON.stringify(name)} is taken`, "name");
    return json({ user: userView(await createAccount(c.db, { name, role: r, passwordHash: hash })) }, 201);
  });
}
