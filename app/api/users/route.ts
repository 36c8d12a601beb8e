// GET /api/users: every account (admins only). POST /api/users { name, role, password }: an admin adds an
// account (201); 409 when the name is taken. There is no sign-up.
import { SMALL_BODY } from "@/lib/server/body-limits";
import { ApiError, caller, handle, json, readObject } from "@/lib/server/api";
import { createAccount, isUniqueViolation, listAccounts, nameTaken } from "@/lib/auth/accounts";
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
    const taken = () => new ApiError(409, `name: ${JSON.stringify(name)} is taken (names are the same whatever their case)`, "name");
    if (await nameTaken(c.db, name)) throw taken();
    try {
      return json({ user: userView(await createAccount(c.db, { name, role: r, passwordHash: hash })) }, 201);
    } catch (err) {
      // The same name created at the same moment by another request.
      if (isUniqueViolation(err)) throw taken();
      throw err;
    }
  });
}
