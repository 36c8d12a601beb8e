import "server-only";
// Accounts: a name, a role and a password hash. There is no sign-up: the first admin is made by
// `npm run user -- add NAME --role admin`, and admins add the others.
import type { Queryable } from "../db/types";
import type { AccountRole } from "../rules/account";

export interface Account {
  id: number;
  name: string;
  role: AccountRole;
  createdAt: Date;
  /** Set when the account may no longer sign in; its sessions are gone. */
  disabledAt: Date | null;
}

const COLUMNS = `id, name, role, created_at AS "createdAt", disabled_at AS "disabledAt"`;

export async function createAccount(db: Queryable, a: { name: string; role: AccountRole; passwordHash: string }): Promise<Account> {
  const { rows } = await db.query<Account>(`INSERT INTO accounts (name, role, password_hash) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`, [a.name, a.role, a.passwordHash]);
  return rows[0];
}

export async function getAccountByName(db: Queryable, name: string): Promise<Account | null> {
  const { rows } = await db.query<Account>(`SELECT ${COLUMNS} FROM accounts WHERE name = $1`, [name]);
  return rows[0] ?? null;
}

/** The account and its password hash, for signing in; null for an unknown or disabled name. */
/** Whether an account has this name in any case (names are unique regardless of case). */
export async function nameTaken(db: Queryable, name: string): Promise<boolean> {
  const { rows } = await db.query("SELECT 1 FROM accounts WHERE lower(name) = lower($1)", [name]);
  return rows.length > 0;
}

/** Whether a database error is a unique constraint refusing a second row (PostgreSQL's code 23505). */
export const isUniqueViolation = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === "23505";

export async function getSignInRecord(db: Queryable, name: string): Promise<(Account & { passwordHash: string }) | null> {
  const { rows } = await db.query<Account & { passwordHash: string }>(
    `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM accounts WHERE name = $1 AND disabled_at IS NULL`,
    [name],
  );
  return rows[0] ?? null;
}

export async function listAccounts(db: Queryable): Promise<Account[]> {
  const { rows } = await db.query<Account>(`SELECT ${COLUMNS} FROM accounts ORDER BY name`);
  return rows;
}

export interface AccountPatch {
  role?: AccountRole;
  /** true: disable (and end its sessions); false: enable again. */
  disabled?: boolean;
  passwordHash?: string;
}

/** Changes an account; its sessions end when it is disabled or its password changes. Null when there is no such name. */
export async function updateAccount(db: Queryable, name: string, patch: AccountPatch): Promise<Account | null> {
  const sets: string[] = [];
  const params: unknown[] = [name];
  if (patch.role !== undefined) sets.push(`role = $${params.push(patch.role)}`);
  if (patch.disabled !== undefined) sets.push(patch.disabled ? "disabled_at = coalesce(disabled_at, now())" : "disabled_at = NULL");
  if (patch.passwordHash !== undefined) sets.push(`password_hash = $${params.push(patch.passwordHash)}`);
  if (sets.length === 0) return getAccountByName(db, name);
  const { rows } = await db.query<Account>(`UPDATE accounts SET ${sets.join(", ")} WHERE name = $1 RETURNING ${COLUMNS}`, params);
  const account = rows[0] ?? null;
  if (account && (patch.disabled || patch.passwordHash !== undefined)) await db.query("DELETE FROM sessions WHERE account_id = $1", [account.id]);
  return account;
}

export async function countAdmins(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM accounts WHERE role = 'admin' AND disabled_at IS NULL");
  return rows[0].n;
}

/**
 * The number of enabled admins, their rows locked until the caller's transaction ends: two demotions at
 * once take turns, and the second counts what the first left (never zero admins).
 */
export async function countAdminsLocked(db: Queryable): Promise<number> {
  const { rows } = await db.query("SELECT id FROM accounts WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE");
  return rows.length;
}
