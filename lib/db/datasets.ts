import "server-only";
// Datasets and the files they were built from: create, read, list what an account may see, change, delete.
import { createHash } from "node:crypto";
import type { Db, Queryable } from "./types";
import type { DatasetMetadata, Visibility } from "../rules/dataset";

export interface Dataset extends DatasetMetadata {
  id: number;
  slug: string;
  /** null: made by the system (the seeded Daraa dataset). */
  ownerId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewDataset = Pick<Dataset, "slug" | "name" | "visibility"> &
  Partial<Pick<Dataset, "description" | "licence" | "source" | "ownerId">>;

/** A file a dataset was built from, kept in the store (dataset_sources) so the dataset can be rebuilt. */
export interface SourceFile {
  id: number;
  datasetId: number;
  name: string;
  mediaType: string;
  /** Hex SHA-256 of the content. */
  sha256: string;
  content: Uint8Array;
  addedAt: Date;
}

const COLUMNS = `id, slug, name, description, licence, source, visibility, owner_id AS "ownerId",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

export async function createDataset(db: Queryable, d: NewDataset): Promise<Dataset> {
  const { rows } = await db.query<Dataset>(
    `INSERT INTO datasets (slug, name, description, licence, source, visibility, owner_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [d.slug, d.name, d.description ?? "", d.licence ?? "", d.source ?? "", d.visibility, d.ownerId ?? null],
  );
  return rows[0];
}

export async function getDatasetBySlug(db: Queryable, slug: string): Promise<Dataset | null> {
  const { rows } = await db.query<Dataset>(`SELECT ${COLUMNS} FROM datasets WHERE slug = $1`, [slug]);
  return rows[0] ?? null;
}

export async function getDatasetById(db: Queryable, id: number): Promise<Dataset | null> {
  const { rows } = await db.query<Dataset>(`SELECT ${COLUMNS} FROM datasets WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/**
 * The datasets an account may list: public ones, its own and those shared with it, by name then id.
 * `accountId` null: someone not signed in, who sees the public ones. "link" datasets are listed only to
 * their owner and the accounts they are shared with; others reach them through the link.
 */
export async function listVisibleDatasets(db: Queryable, accountId: number | null): Promise<Dataset[]> {
  const { rows } = await db.query<Dataset>(
    `SELECT ${COLUMNS} FROM datasets d
     WHERE visibility = 'public' OR owner_id = $1
        OR EXISTS (SELECT 1 FROM dataset_shares s WHERE s.dataset_id = d.id AND s.account_id = $1)
     ORDER BY name, id`,
    [accountId],
  );
  return rows;
}

/**
 * Changes the given metadata; null when there is no such dataset. A change of visibility revokes every link
 * key: leaving "link", so they never open it again; entering it, so no key from before does (one an older
 * server made while it was private, or one made in a race with leaving).
 */
export async function updateDataset(db: Db, id: number, patch: Partial<DatasetMetadata>): Promise<Dataset | null> {
  const fields = (["name", "description", "licence", "source", "visibility"] as const).filter((k) => patch[k] !== undefined);
  const sets = fields.map((k, i) => `${k} = $${i + 2}`);
  return db.transaction(async (tx) => {
    // The row lock orders this after a change or a key in flight (createLinkKey holds it FOR SHARE).
    const before = (await tx.query<{ visibility: Visibility }>("SELECT visibility FROM datasets WHERE id = $1 FOR UPDATE", [id])).rows[0];
    if (!before) return null;
    const { rows } = await tx.query<Dataset>(
      `UPDATE datasets SET ${[...sets, "updated_at = now()"].join(", ")} WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, ...fields.map((k) => patch[k])],
    );
    // A statement of its own: it sees every key committed before the lock was ours.
    if (patch.visibility !== undefined && patch.visibility !== before.visibility) {
      await tx.query("UPDATE dataset_links SET revoked_at = now() WHERE dataset_id = $1 AND revoked_at IS NULL", [id]);
    }
    return rows[0];
  });
}

/** Deletes the dataset with its incidents, sources, shares and links; false when there was none. */
export async function deleteDataset(db: Queryable, id: number): Promise<boolean> {
  const { rowCount } = await db.query("DELETE FROM datasets WHERE id = $1", [id]);
  return rowCount > 0;
}

export async function addSource(
  db: Queryable,
  datasetId: number,
  file: { name: string; mediaType: string; content: Uint8Array },
): Promise<SourceFile> {
  const sha256 = createHash("sha256").update(file.content).digest("hex");
  const { rows } = await db.query<SourceFile>(
    `INSERT INTO dataset_sources (dataset_id, name, media_type, sha256, content) VALUES ($1, $2, $3, $4, $5)
     RETURNING ${SOURCE_COLUMNS}`,
    [datasetId, file.name, file.mediaType, sha256, file.content],
  );
  return withBytes(rows[0]);
}

/** The dataset's source files, in the order they were added. */
export async function listSources(db: Queryable, datasetId: number): Promise<SourceFile[]> {
  const { rows } = await db.query<SourceFile>(`SELECT ${SOURCE_COLUMNS} FROM dataset_sources WHERE dataset_id = $1 ORDER BY id`, [datasetId]);
  return rows.map(withBytes);
}

const SOURCE_COLUMNS = `id, dataset_id AS "datasetId", name, media_type AS "mediaType", sha256, content, added_at AS "addedAt"`;
// pg answers bytea with a Buffer, PGlite with a Uint8Array: the same type from both.
const withBytes = (s: SourceFile): SourceFile => ({
  ...s,
  content: new Uint8Array(s.content.buffer, s.content.byteOffset, s.content.byteLength),
});
