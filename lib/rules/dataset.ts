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
