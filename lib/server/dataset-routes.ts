// A dataset as a route finds it for the caller: 404 when it cannot read it (a private dataset is not
// there for others, whether or not it exists), 401/403 when it can read but not change it.
import "server-only";
import { randomBytes } from "node:crypto";
import type { Queryable } from "../db/types";
import { getDatasetBySlug, type Dataset } from "../db/datasets";
import { countIncidents } from "../db/incidents";
import { accessTo, liveKeyCount, shareNames, type Access } from "../auth/access";
import { isSlug, type DatasetView } from "../rules/dataset";
import { datasetQuery } from "../url/dataset-params";
import { ApiError, type Caller } from "./api";

export interface Found {
  dataset: Dataset;
  access: Access;
}

export const notFound = (slug: string) => new ApiError(404, `no dataset ${JSON.stringify(slug.slice(0, 80))} that you can see`);

// What a missing dataset's access is asked against: the same lookups as a real one, so a 404 takes as long
// for a dataset that does not exist as for one the caller may not read.
export const NO_DATASET = { id: 0, ownerId: null, visibility: "link" } as const;

/** The dataset `slug` if the caller (with a link key, if any) may read it; 404 otherwise. */
export async function findDataset(who: Caller, slug: string, key: string | null = null): Promise<Found> {
  const dataset = isSlug(slug) ? await getDatasetBySlug(who.db, slug) : null;
  const access = await accessTo(who.db, who.account, dataset ?? NO_DATASET, key);
  if (!dataset || !access.read) throw notFound(slug);
  return { dataset, access };
}

/** Refuses a write the caller's access does not allow: 401 when not signed in, 403 otherwise. */
export function mustBeAllowed(who: Caller, allowed: boolean, what: string): void {
  if (allowed) return;
  if (!who.account) throw new ApiError(401, `sign in first: ${what} needs an account`);
  const why = who.account.role === "viewer" ? "a viewer account cannot change datasets" : "only the dataset's owner or an admin can";
  throw new ApiError(403, `${what}: not allowed for ${who.account.name} (${why})`);
}


export async function viewOf(who: Caller, dataset: Dataset, access: Access, detail = false): Promise<DatasetView> {
  const owner = dataset.ownerId === null ? null : who.account && dataset.ownerId === who.account.id ? who.account.name : await ownerName(who, dataset.ownerId);
  const view: DatasetView = {
    slug: dataset.slug,
    name: dataset.name,
    description: dataset.description,
    licence: dataset.licence,
    source: dataset.source,
    visibility: dataset.visibility,
    owner,
    createdAt: new Date(dataset.createdAt).toISOString(),
    updatedAt: new Date(dataset.updatedAt).toISOString(),
    access,
    url: `/${datasetQuery(dataset.slug, [])}`,
  };
  if (!detail) return view;
  view.incidents = await countIncidents(who.db, dataset.id);
  if (access.manage) {
    view.shares = await shareNames(who.db, dataset.id);
    view.liveLinks = await liveKeyCount(who.db, dataset.id);
  }
  return view;
}

async function ownerName(who: Caller, id: number): Promise<string | null> {
  const { rows } = await who.db.query<{ name: string }>("SELECT name FROM accounts WHERE id = $1", [id]);
  return rows[0]?.name ?? null;
}

/** Every dataset, for an admin's list (the store's listVisibleDatasets answers everyone else). */
export async function listAllDatasets(who: Caller): Promise<Dataset[]> {
  const { rows } = await who.db.query<{ slug: string }>("SELECT slug FROM datasets ORDER BY name, id");
  const all = await Promise.all(rows.map((row) => getDatasetBySlug(who.db, row.slug)));
  return all.filter((dataset): dataset is Dataset => dataset !== null);
}

// @option SLUG_SUFFIX: characters = 6 random letters and digits after the name's own slug (36^6, ~2 billion)
const SLUG_SUFFIX = 6;
const SLUG_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

/**
 * A slug no dataset has yet: the name's with a random suffix, always, so a new slug says nothing about
 * the datasets the caller cannot see (a "-2" would prove a private one of that name exists).
 */
export async function freeSlug(db: Queryable, base: string): Promise<string> {
  for (;;) {
    const suffix = Array.from(randomBytes(SLUG_SUFFIX), (byte) => SLUG_LETTERS[byte % SLUG_LETTERS.length]).join("");
    const slug = `${base.slice(0, 64 - SLUG_SUFFIX - 1)}-${suffix}`;
    if (!(await getDatasetBySlug(db, slug))) return slug;
  }
}
