// Where a read route's dataset comes from: the store (lib/db) by slug, with its access rule. A GeoJSON file
// is served by saving it into the store first (`npm run dataset:import`).
import "server-only";
import type { Db } from "../db/types";
import { getDb } from "../db/open";
import type { DatasetSelection } from "../url/dataset-params";
import { readableDataset, type ReadableDataset } from "./dataset-access";
import { viewerOf } from "./viewer";

export type DatasetSource =
  | { kind: "store"; db: Db; dataset: ReadableDataset; public: boolean }
  /** No such dataset, or not for this reader: the same answer, 404. */
  | { kind: "none"; slug: string };

let store: () => Promise<Db> = getDb;

/** Serves the read routes from `db` instead of the process's store (getDb); null goes back. For tests and benches. */
export function serveFrom(db: Db | null): void {
  store = db ? () => Promise.resolve(db) : getDb;
}

/** The source of the selection's one dataset for this request. */
export async function datasetSource(selection: DatasetSelection, request: Request): Promise<DatasetSource> {
  const slug = selection.datasets[0];
  const db = await store();
  const dataset = await readableDataset(db, slug, await viewerOf(db, request), selection.keys);
  return dataset ? { kind: "store", db, dataset, public: dataset.visibility === "public" } : { kind: "none", slug };
}
