// PATCH /api/users/NAME { role?, disabled?, password? }: an admin changes an account. Disabling it or
// changing its password ends its sessions; the last enabled admin cannot be demoted or disabled (409).
import { SMALL_BODY } from "@/lib/server/body-limits";
import { ApiError, caller, handle, json, readObject } from "@/lib/server/api";
import { countAdminsLocked, getAccountByName, updateAccount, type AccountPatch } from "@/lib/auth/accounts";
import { hashPassword } from "@/lib/auth/password";
import { admin, disabled, password, role, userView } from "@/lib/server/account-input";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function PATCH(request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  return handle(async () => {
    const c = await caller(request);
    admin(c);
    const { name } = await params;
    const body = await readObject(request, SMALL_BODY);
    const patch: AccountPatch = {};
    if (body.role !== undefined) patch.role = role(body.role);
    if (body.disabled !== undefined) patch.disabled = disabled(body.disabled);
    if (body.password !== undefined) patch.passwordHash = await hashPassword(password(body.password));
    if (Object.keys(patch).length === 0) throw new ApiError(400, "body: names no field to change (role, disabled, password)", "body");
    return json({
      user: userView(
        await c.db.transaction(async (tx) => {
          // The admins are locked first, so the account is read after any demotion running beside this one.
          const admins = await countAdminsLocked(tx);
          const before = await getAccountByName(tx, name);
          if (!before) throw new ApiError(404, `no account ${JSON.stringify(name.slice(0, 80))}`);
          const losesAdmin = before.role === "admin" && before.disabledAt === null && ((patch.role !== undefined && patch.role !== "admin") || patch.disabled === true);
          if (losesAdmin && admins <= 1) throw new ApiError(409, `${patch.disabled ? "disabled" : "role"}: ${name} is the last admin; make another admin first`, patch.disabled ? "disabled" : "role");
          return (await updateAccount(tx, name, patch))!;
        }),
      ),
    });
  });
}
