import "server-only";
// A saved dataset's own description (dataset_descriptions): stored, read back and cleared. The document is
// checked before it is written and after it is read (lib/dataset/stored-description.ts), not here.
import type { Queryable } from "./types";

export interface StoredRow {
  /** The document as the store holds it (unchecked). */
  body: unknown;
  /** When it was last set, as the store's text: changes with every set. */
  stamp: string;
}

/** The dataset's stored description, or null when its owner set none. */
export async function getStoredDescription(db: Queryable, datasetId: number): Promise<StoredRow | null> {
  const { rows } = await db.query<StoredRow>("SELECT body, updated_at::text AS stamp FROM dataset_descriptions WHERE dataset_id = $1", [datasetId]);
  return rows[0] ?? null;
}

/** Stores the dataset's description in place of any before; false when there is no such dataset. */
export async function setStoredDescription(db: Queryable, datasetId: number, body: object): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO dataset_descriptions (dataset_id, body)
     SELECT id, $2::jsonb FROM datasets WHERE id = $1
     ON CONFLICT (dataset_id) DO UPDATE SET body = EXCLUDED.body, updated_at = now()`,
    [datasetId, JSON.stringify(body)],
  );
  return rowCount > 0;
}

/** Forgets the dataset's description: it is then framed on its incidents, with no reference point or context. */
export async function clearStoredDescription(db: Queryable, datasetId: number): Promise<boolean> {
  const { rowCount } = await db.query("DELETE FROM dataset_descriptions WHERE dataset_id = $1", [datasetId]);
  return rowCount > 0;
}
