// Who may read a dataset: a public one, anyone; a "link" one, anyone holding one of its live (not
// revoked) keys; otherwise its owner, the accounts it is shared with, and admins. A dataset that may not
// be read is answered exactly as one that does not exist (404), so a slug reveals nothing.
import "server-only";
import { createHash } from "node:crypto";
import { accessTo } from "../auth/access";
import type { Queryable } from "../db/types";
import type { AccountRole } from "../rules/account";
import type { Dataset } from "../db/datasets";

/** The signed-in account reading, or null for anyone else (lib/auth's session lookup gives it). */
export interface Viewer {
  id: number;
  role: AccountRole;
}

/** What a read route needs of a dataset: who may see it, its name, and what its caches are keyed on. */
export type ReadableDataset = Pick<Dataset, "id" | "slug" | "name" | "visibility" | "ownerId"> & {
  /** Changes with every write to its incidents (lib/db/migrations/…_dataset-version.sql) or its metadata. */
  tag: string;
};

type Row = Pick<Dataset, "id" | "slug" | "name" | "visibility" | "ownerId"> & { version: number; updatedAt: Date | string };

/** The dataset with this slug, as the read routes see it, or null when there is none. */
export async function readableDatasetBySlug(db: Queryable, slug: string): Promise<ReadableDataset | null> {
  const { rows } = await db.query<Row>(
    `SELECT id, slug, name, visibility, owner_id AS "ownerId", version, updated_at AS "updatedAt" FROM datasets WHERE slug = $1`,
    [slug],
  );
  const row = rows[0];
  if (!row) return null;
  const updated = row.updatedAt instanceof Date ? row.updatedAt.toISOString() : String(row.updatedAt);
  const tag = createHash("sha256").update(`${row.id}\0${row.version}\0${updated}\0${row.name}`).digest("base64url").slice(0, 16);
  return { id: row.id, slug: row.slug, name: row.name, visibility: row.visibility, ownerId: row.ownerId, tag };
}

/** Whether `viewer` (null: not signed in), holding link `keys`, may read `dataset`: lib/auth's one rule, asked once per key. */
export async function canRead(db: Queryable, dataset: Pick<ReadableDataset, "id" | "visibility" | "ownerId">, viewer: Viewer | null, keys: readonly string[] = []): Promise<boolean> {
  for (const key of keys.length > 0 ? keys : [null]) {
    if ((await accessTo(db, viewer, dataset, key)).read) return true;
  }
  return false;
}

/** The dataset if it exists and `viewer` may read it; null otherwise (the routes answer 404 alike). */
export async function readableDataset(db: Queryable, slug: string, viewer: Viewer | null, keys: readonly string[] = []): Promise<ReadableDataset | null> {
  const dataset = await readableDatasetBySlug(db, slug);
  // A missing dataset is asked about as a real one would be: a 404 takes as long either way.
  const readable = await canRead(db, dataset ?? { id: 0, ownerId: null, visibility: "link" }, viewer, keys);
  return dataset && readable ? dataset : null;
}
