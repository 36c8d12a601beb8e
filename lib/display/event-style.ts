// How each event type looks on the map and in the legend: a colour and a shape, so types stay
// distinguishable for colour-blind readers and in greyscale prints. ACLED's six keep fixed styles; a file's
// own categories get theirs from a fixed palette in an order set by the data alone (categoryStyles).
import { EVENT_TYPES, UNCLASSIFIED, type AcledEventType } from "../incident/model";

export type MarkerShape = "circle" | "square" | "diamond" | "triangle" | "star" | "hexagon" | "pentagon" | "triangle-down";

export interface EventStyle {
  /** CSS-safe slug used in class names; never made from a category's own text. */
  slug: string;
  color: string;
  shape: MarkerShape;
}

// Colours from Okabe–Ito's colour-blind-safe palette.
export const EVENT_STYLES: Record<AcledEventType, EventStyle> = {
  Battles: { slug: "battles", color: "#D55E00", shape: "circle" },
  "Explosions/Remote violence": { slug: "explosions", color: "#CC79A7", shape: "diamond" },
  "Violence against civilians": { slug: "vac", color: "#000000", shape: "triangle" },
  Protests: { slug: "protests", color: "#0072B2", shape: "square" },
  Riots: { slug: "riots", color: "#E69F00", shape: "hexagon" },
  "Strategic developments": { slug: "strategic", color: "#009E73", shape: "star" },
};

/** A type the file does not give: neutral grey, the shape of "a point", claiming no category. */
export const UNCLASSIFIED_STYLE: EventStyle = { slug: "unclassified", color: "#8C8C8C", shape: "circle" };

/** Every category past MAX_OWN_STYLES, drawn alike; each keeps its own name in the details and filters. */
export const OTHER_CATEGORIES_STYLE: EventStyle = { slug: "other", color: "#4D4D4D", shape: "square" };

// Paul Tol's "muted" scheme (colour-blind safe, none of Okabe–Ito's six); own categories take these in
// order, on shapes ACLED's six do not use, so a file's own category never looks like one of ACLED's.
const OWN_COLOURS = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499"];
const OWN_SHAPES: readonly MarkerShape[] = ["pentagon", "triangle-down"];

// @option MAX_OWN_STYLES: number = 18
// A file's own categories that get a style of their own (every colour on every own shape); past that
// readers cannot tell styles apart, so the rest share OTHER_CATEGORIES_STYLE.
export const MAX_OWN_STYLES = OWN_COLOURS.length * OWN_SHAPES.length;

/** The style of the i-th own category (0-based, by CategoryStyles order); OTHER_CATEGORIES_STYLE past the cap. */
export function ownStyle(i: number): EventStyle {
  if (i >= MAX_OWN_STYLES) return OTHER_CATEGORIES_STYLE;
  return { slug: `own-${i + 1}`, color: OWN_COLOURS[i % OWN_COLOURS.length], shape: OWN_SHAPES[Math.floor(i / OWN_COLOURS.length)] };
}

/** The styles of one set of data, so the map, legend, filters and timeline agree. */
export interface CategoryStyles {
  /**
   * Every category, in legend order: ACLED's six (always, the dataset's own look), then the data's own
   * categories by count descending, then name (code-unit order, so no locale changes it), then UNCLASSIFIED
   * when present.
   */
  readonly categories: readonly string[];
  /**
   * The distinct styles drawn, by slot (a cluster's pie counts by slot): ACLED's six, the styled own
   * categories, UNCLASSIFIED when present, and last OTHER_CATEGORIES_STYLE. At most 6 + MAX_OWN_STYLES + 2.
   */
  readonly slots: readonly EventStyle[];
  /** The own categories past MAX_OWN_STYLES, in legend order: drawn in the last slot. */
  readonly others: readonly string[];
  /** The slot of a category; one not in the counts draws in the last slot, OTHER_CATEGORIES_STYLE. */
  slotOf(category: string): number;
  styleOf(category: string): EventStyle;
  /** The category a slot stands for, or null for the shared "other categories" slot. */
  categoryOf(slot: number): string | null;
}

/** The label the shared slot goes by in the legend and in cluster names. */
export const OTHER_CATEGORIES_LABEL = "Other categories";

/**
 * Styles for the categories counted in `counts` (category → incidents; the whole loaded data, not a
 * filtered view, so the colours hold while filtering). The same counts always give the same styles.
 */
export function categoryStyles(counts: ReadonlyMap<string, number>): CategoryStyles {
  const acled = new Set<string>(EVENT_TYPES);
  const own = [...counts]
    .filter(([t, n]) => n > 0 && !acled.has(t) && t !== UNCLASSIFIED)
    .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))
    .map(([t]) => t);
  const hasUnclassified = (counts.get(UNCLASSIFIED) ?? 0) > 0;
  const categories = [...EVENT_TYPES, ...own, ...(hasUnclassified ? [UNCLASSIFIED] : [])];

  const slots: EventStyle[] = EVENT_TYPES.map((t) => EVENT_STYLES[t]);
  const slotByCategory = new Map<string, number>(EVENT_TYPES.map((t, i) => [t, i]));
  const slotCategory: (string | null)[] = [...EVENT_TYPES];
  own.slice(0, MAX_OWN_STYLES).forEach((t, i) => {
    slotByCategory.set(t, slots.length);
    slotCategory.push(t);
    slots.push(ownStyle(i));
  });
  if (hasUnclassified) {
    slotByCategory.set(UNCLASSIFIED, slots.length);
    slotCategory.push(UNCLASSIFIED);
    slots.push(UNCLASSIFIED_STYLE);
  }
  // The shared slot is always last, so a category outside the counts still has a style.
  const otherSlot = slots.length;
  slots.push(OTHER_CATEGORIES_STYLE);
  slotCategory.push(null);

  const slotOf = (category: string) => slotByCategory.get(category) ?? otherSlot;
  return {
    categories,
    slots,
    others: own.slice(MAX_OWN_STYLES),
    slotOf,
    styleOf: (category) => slots[slotOf(category)],
    categoryOf: (slot) => slotCategory[slot] ?? null,
  };
}

/** Category counts of every item (for categoryStyles): one pass, no filter. */
export function countCategories<T>(items: readonly T[], typeOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const t = typeOf(item);
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

/** Counts keyed by category, summed by style slot in slot order (a timeline bar's stack): [slot, total] pairs, zeros left out. */
export function slotTotals(byType: Readonly<Record<string, number>>, styles: Pick<CategoryStyles, "slotOf">): [number, number][] {
  const totals = new Map<number, number>();
  for (const [t, n] of Object.entries(byType)) {
    if (!n) continue;
    const slot = styles.slotOf(t);
    totals.set(slot, (totals.get(slot) ?? 0) + n);
  }
  return [...totals].sort(([a], [b]) => a - b);
}
