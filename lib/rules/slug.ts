// A dataset's URL name (slug), the one rule for the store, the routes and the links, and how a name becomes
// one. Apart from ./dataset.ts and without valibot: the page reads every link's slugs in its first load.

// Lower-case letters, digits and hyphens, at most 64, not starting with a hyphen.
export const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const isSlug = (value: unknown): value is string => typeof value === "string" && SLUG.test(value);

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
