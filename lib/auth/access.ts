import "server-only";
// Who may do what with a dataset (the README's table "Roles"). Reading: a public dataset, anyone; a "link"
// dataset, anyone holding a live key; otherwise its owner, the accounts it is shared with, and admins.
// Adding incidents: admins, the owner, and editors it is shared with. Changing metadata, visibility, shares
// or links and deleting: admins and the owner (an editor or admin; a viewer owns nothing).
import type { Queryable } from "../db/types";
import type { AccountRole } from "../rules/account";
import type { Visibility } from "../rules/dataset";
import type { Account } from "./accounts";
import { LINK_TOKEN_BYTES, isTokenText, newToken, tokenHash } from "./tokens";

export interface DatasetFacts {
  id: number;
  ownerId: number | null;
  visibility: Visibility;
}

export interface Access {
  read: boolean;
  /** Add incidents. */
  add: boolean;
  /** Change metadata and visibility, share, make and revoke links, delete. */
  manage: boolean;
}

/** What roles may do regardless of any dataset. */
export const ROLE_MAY: Record<AccountRole, { createDatasets: boolean; manageUsers: boolean; seeEverything: boolean }> = {
  admin: { createDatasets: true, manageUsers: true, seeEverything: true },
  editor: { createDatasets: true, manageUsers: false, seeEverything: false },
  viewer: { createDatasets: false, manageUsers: false, seeEverything: false },
};

/** Who is asking: what the rules need of an account. */
export type Asker = Pick<Account, "id" | "role">;

/** The access an account (null: not signed in) has to a dataset, given whether it is shared with it and whether the request holds a live link key. */
export function datasetAccess(account: Asker | null, dataset: DatasetFacts, facts: { shared: boolean; liveKey: boolean }): Access {
  const admin = account?.role === "admin";
  const owner = account !== null && dataset.ownerId === account.id;
  const mayRead = dataset.visibility === "public" || (dataset.visibility === "link" && facts.liveKey) || admin || owner || (account !== null && facts.shared);
  const writer = account !== null && account.role !== "viewer";
  const mayManage = writer && (admin || owner);
  return { read: mayRead, add: mayManage || (writer && facts.shared), manage: mayManage };
}

export async function isSharedWith(db: Queryable, datasetId: number, accountId: number | undefined): Promise<boolean> {
  if (accountId === undefined) return false;
  const { rows } = await db.query("SELECT 1 FROM dataset_shares WHERE dataset_id = $1 AND account_id = $2", [datasetId, accountId]);
  return rows.length > 0;
}

/** Whether `key` is a live (made, not revoked) link key of the dataset. */
export async function isLiveKey(db: Queryable, datasetId: number, key: string | null): Promise<boolean> {
  if (!key || !isTokenText(key, LINK_TOKEN_BYTES)) return false;
  const { rows } = await db.query("SELECT 1 FROM dataset_links WHERE token_hash = $1 AND dataset_id = $2 AND revoked_at IS NULL", [tokenHash(key), datasetId]);
  return rows.length > 0;
}

/** The access of an account, with an optional link key, to a dataset, read from the database. */
export async function accessTo(db: Queryable, account: Asker | null, d: DatasetFacts, key: string | null = null): Promise<Access> {
  // The key is looked up whatever the visibility, so the answer takes as long for every dataset.
  const [shared, liveKey] = await Promise.all([isSharedWith(db, d.id, account?.id), isLiveKey(db, d.id, key)]);
  return datasetAccess(account, d, { shared, liveKey });
}

/**
 * Makes a new link key for the dataset; only its hash is kept, so this is the one time it is seen. Null
 * when the dataset is not "link" now: a key made while it is private or public would open it on its next
 * switch to "link". The row lock waits out a visibility change in flight (lib/db/datasets.ts updateDataset).
 */
export async function createLinkKey(db: Queryable, datasetId: number): Promise<string | null> {
  const key = newToken(LINK_TOKEN_BYTES);
  const { rowCount } = await db.query(
    "INSERT INTO dataset_links (token_hash, dataset_id) SELECT $1, id FROM datasets WHERE id = $2 AND visibility = 'link' FOR SHARE",
    [tokenHash(key), datasetId],
  );
  return rowCount > 0 ? key : null;
}

/** Revokes one key of the dataset, or every live one when `key` is null; returns how many were revoked. */
export async function revokeLinkKeys(db: Queryable, datasetId: number, key: string | null): Promise<number> {
  const { rowCount } = key
    ? await db.query("UPDATE dataset_links SET revoked_at = now() WHERE dataset_id = $1 AND token_hash = $2 AND revoked_at IS NULL", [datasetId, tokenHash(key)])
    : await db.query("UPDATE dataset_links SET revoked_at = now() WHERE dataset_id = $1 AND revoked_at IS NULL", [datasetId]);
  return rowCount;
}

export async function liveKeyCount(db: Queryable, datasetId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM dataset_links WHERE dataset_id = $1 AND revoked_at IS NULL", [datasetId]);
  return rows[0].n;
}

/** The names of the accounts the dataset is shared with. */
export async function shareNames(db: Queryable, datasetId: number): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>("SELECT a.name FROM dataset_shares s JOIN accounts a ON a.id = s.account_id WHERE s.dataset_id = $1 ORDER BY a.name", [datasetId]);
  return rows.map((r) => r.name);
}

/**
 * Shares the dataset with exactly these accounts (by name), in the caller's transaction. Returns the
 * names it found no account for, changing nothing then.
 */
export async function setShares(db: Queryable, datasetId: number, names: readonly string[]): Promise<{ unknown: string[] }> {
  const { rows } = await db.query<{ id: number; name: string }>("SELECT id, name FROM accounts WHERE name = ANY($1::text[])", [[...names]]);
  const found = new Set(rows.map((r) => r.name));
  const unknown = names.filter((n) => !found.has(n));
  if (unknown.length) return { unknown };
  await db.query("DELETE FROM dataset_shares WHERE dataset_id = $1", [datasetId]);
  if (rows.length) await db.query("INSERT INTO dataset_shares (dataset_id, account_id) SELECT $1, unnest($2::bigint[])", [datasetId, rows.map((r) => r.id)]);
  return { unknown: [] };
}
