// Datasets' rules, declared once for the store, the routes, the links and the page: who may read one
// (visibility) and its URL name (slug). The migrations' datasets CHECKs are the database's own guard.
import * as v from "valibot";

export const VISIBILITIES = ["private", "link", "public"] as const;
export const VisibilitySchema = v.picklist(VISIBILITIES);
export type Visibility = v.InferOutput<typeof VisibilitySchema>;
export const isVisibility = (value: unknown): value is Visibility => v.is(VisibilitySchema, value);

// Lower-case letters, digits and hyphens, at most 64, not starting with a hyphen.
export const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const SlugSchema = v.pipe(v.string(), v.regex(SLUG));
export const isSlug = (value: unknown): value is string => v.is(SlugSchema, value);

/**
 * Text as slug words, the one rule for a dataset's slug and an export's file name: accents and
 * transliteration marks (ʿ ʾ) dropped, as part of a letter rather than a word break; lower-case ASCII
 * letters and digits kept; any other run a hyphen, none at either end. "" when nothing is left.
 */
export function slugWords(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u02b0-\u02ff\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

// @option SLUG_STEM: number = 48, the characters of a new slug taken from the name; SLUG's other 16 leave room
// for the suffix that makes a taken slug unique.
const SLUG_STEM = 48;

/** A new dataset's slug from its name: its slug words, at most SLUG_STEM characters; "dataset" when the name has none. */
export function slugOf(name: string): string {
  return slugWords(name).slice(0, SLUG_STEM).replace(/-+$/, "") || "dataset";
}

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
