// Accounts as the routes see them: only admins manage them; what an admin may send (name, role, password,
// disabled), each refusal naming the field; what is shown of an account.
import "server-only";
import { ACCOUNT_ROLES, accountNameIssue, isAccountRole, type AccountRole } from "../rules/account";
import { passwordIssue } from "../auth/password";
import { fieldMessage, showValue } from "../rules/message";
import { ApiError, signedIn, type Caller } from "./api";
import { ROLE_MAY } from "../auth/access";
import type { Account } from "../auth/accounts";

export function accountName(value: unknown): string {
  const issue = accountNameIssue(value);
  if (issue) throw new ApiError(400, `${issue} (value: ${showValue(value)})`, "name");
  return value as string;
}

export function role(value: unknown): AccountRole {
  if (!isAccountRole(value)) throw new ApiError(400, fieldMessage("role", `must be one of ${ACCOUNT_ROLES.join(", ")}`, showValue(value)), "role");
  return value;
}

/** A new password; its value is never echoed. */
export function password(value: unknown): string {
  if (typeof value !== "string") throw new ApiError(400, "password: must be a string", "password");
  const issue = passwordIssue(value);
  if (issue) throw new ApiError(400, issue, "password");
  return value;
}

export function disabled(value: unknown): boolean {
  if (typeof value !== "boolean") throw new ApiError(400, fieldMessage("disabled", "must be true or false", showValue(value)), "disabled");
  return value;
}

/** The caller if it is an admin: 401 when not signed in, 403 otherwise. */
export function admin(who: Caller): Account {
  const account = signedIn(who);
  if (!ROLE_MAY[account.role].manageUsers) throw new ApiError(403, `managing accounts: not allowed for ${account.name} (only admins manage accounts)`);
  return account;
}

export const userView = (account: Account) => ({ name: account.name, role: account.role, createdAt: new Date(account.createdAt).toISOString(), disabled: account.disabledAt !== null });

