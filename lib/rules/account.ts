// Accounts' rules, declared once for the store, the routes, the command line and the page: the roles and
// the name rule (the migrations' accounts CHECKs are the database's own guard; a test holds them equal).
import * as v from "valibot";

// Most rights first: an error lists them in this order.
export const ACCOUNT_ROLES = ["admin", "editor", "viewer"] as const;
export const AccountRoleSchema = v.picklist(ACCOUNT_ROLES);
export type AccountRole = v.InferOutput<typeof AccountRoleSchema>;
export const isAccountRole = (value: unknown): value is AccountRole => v.is(AccountRoleSchema, value);

// @option ACCOUNT_NAME_MAX: characters = 64
export const ACCOUNT_NAME_MAX = 64;
// The name rule as an HTML form's pattern (matched whole, with the v flag: so the hyphen is escaped).
export const ACCOUNT_NAME_PATTERN = `[A-Za-z0-9._\\-]{1,${ACCOUNT_NAME_MAX}}`;
export const ACCOUNT_NAME = new RegExp(`^${ACCOUNT_NAME_PATTERN}$`);
export const AccountNameSchema = v.pipe(v.string(), v.regex(ACCOUNT_NAME));

/** Why a name cannot be an account's, or null. */
export function accountNameIssue(name: unknown): string | null {
  return v.is(AccountNameSchema, name) ? null : `name: must be 1–${ACCOUNT_NAME_MAX} letters, digits, dots, hyphens or underscores`;
}
