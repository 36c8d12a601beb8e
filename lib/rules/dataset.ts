// Datasets' rules, declared once for the store, the routes, the links and the page: who may read one
// (visibility) and its URL name (slug, ./slug.ts). The migrations' datasets CHECKs are the database's own guard.
import * as v from "valibot";

export const VISIBILITIES = ["private", "link", "public"] as const;
export const VisibilitySchema = v.picklist(VISIBILITIES);
export type Visibility = v.InferOutput<typeof VisibilitySchema>;
export const isVisibility = (value: unknown): value is Visibility => v.is(VisibilitySchema, value);

// The slug rule lives in ./slug.ts, free of valibot, because the page's first load reads links with it.
export { SLUG, isSlug, slugOf, slugWords } from "./slug";

/** What a dataset's owner writes about it: the metadata a client sends and every answer shows. */
export interface DatasetMetadata {
  name: string;
  description: string;
  licence: string;
  source: string;
  visibility: Visibility;
}

/** A dataset as the account and dataset routes answer it (GET /api/datasets…), and as the page reads it. */
export interface DatasetView extends DatasetMetadata {
  slug: string;
  /** The owner's account name; null for a dataset the system made (the seeded Daraa dataset). */
  owner: string | null;
  createdAt: string;
  updatedAt: string;
  /** What the caller may do with it: read, add incidents, manage (metadata, visibility, shares, links, delete). */
  access: { read: boolean; add: boolean; manage: boolean };
  /** The page that opens it (a link key is added to "link" datasets' URLs by the one who made the key). */
  url: string;
  incidents?: number;
  /** To those who manage it: the accounts it is shared with and how many link keys are live. */
  shares?: string[];
  liveLinks?: number;
}
