// Parses the location phrases that reports use into a plan for the resolver. Pure string work: no lookups.
//   "the road between A and B", "the X road between A and B", "the road connecting A, B and C" → line
//   "between A and B"                                                                           → line
//   "X checkpoint between A and B"                                                              → point between
//   "near A", "around A", "outside A"                                                           → A, precision ≥ 2
//   "throughout Daraa province", "across A"                                                     → region, precision 3
//   "the countryside east (and west) of A", "eastern A countryside", "west of A countryside"    → region(s), 3
//   "X in Y in Z", "X, Y"                                                                       → X, else Y (≥ 2), …
//   anything else                                                                               → a place name

export type Direction = "north" | "south" | "east" | "west" | "northeast" | "northwest" | "southeast" | "southwest";

export type Plan =
  | { type: "place"; text: string }
  | { type: "near"; text: string }
  | { type: "throughout"; text: string }
  | { type: "line"; parts: string[]; name?: string }
  | { type: "between-point"; name: string; parts: [string, string] }
  | { type: "countryside"; base: string; directions: Direction[] }
  | { type: "within"; parts: string[] };

const DIR = String.raw`north[\s-]?east|north[\s-]?west|south[\s-]?east|south[\s-]?west|north|south|east|west`;
const DIR_ADJ = String.raw`(${DIR})(?:ern)?`;

function direction(s: string | undefined): Direction | undefined {
  return s ? (s.toLowerCase().replace(/[\s-]/g, "") as Direction) : undefined;
}

function directions(...list: (string | undefined)[]): Direction[] {
  return [...new Set(list.map(direction).filter((d): d is Direction => d !== undefined))];
}

/** Splits "A, B and C" / "A to B" / "A – B" into names. Hyphens inside names ("al-Msifrah") are kept. */
export function splitList(s: string): string[] {
  return s
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s+to\s+|\s*[–—]\s*|\s+-\s+/i)
    .map((p) => p.trim())
    .filter(Boolean);
}

const LEAD = String.raw`^(?:(?:on|along|at|in|near)\s+)?(?:the\s+)?`;
const ROAD = new RegExp(`${LEAD}(?:(.+?)\\s+)?(?:road|highway|motorway|route)s?\\s+(?:between|connecting|linking|from)\\s+(.+)$`, "i");
const BETWEEN_POINT = new RegExp(`${LEAD}(.+?\\s+(?:checkpoint|check\\s?point|roadblock|barrier|frontline|front\\s+line|position|post))\\s+between\\s+(.+?)\\s+and\\s+(.+)$`, "i");
const BETWEEN = /^(?:(?:on|along|in|somewhere)\s+)?(?:the\s+(?:area|countryside)\s+)?between\s+(.+)$/i;
const NEAR = /^(?:near(?:by)?|around|outside|close\s+to|next\s+to|by|(?:on\s+)?the\s+outskirts\s+of|outskirts\s+of|(?:in\s+)?the\s+vicinity\s+of|vicinity\s+of|on\s+the\s+edge\s+of)\s+(.+)$/i;
const THROUGHOUT = /^(?:throughout|across|all\s+over|all\s+of|in\s+all\s+of|everywhere\s+in)\s+(?:the\s+)?(.+)$/i;
// "the countryside east and west of Daraa", "the north-western countryside of Daraa", "rural Daraa"
const COUNTRYSIDE_OF = new RegExp(`^(?:(?:in|across|throughout)\\s+)?(?:the\\s+)?(?:${DIR_ADJ}(?:\\s+and\\s+${DIR_ADJ})?\\s+)?(?:countryside|rural\\s+areas?|villages)(?:\\s+(?:to\\s+the\\s+)?(${DIR})(?:\\s+and\\s+(${DIR}))?)?\\s+of\\s+(.+)$`, "i");
// "eastern Daraa countryside", "east and west Daraa countryside"
const ADJ_COUNTRYSIDE = new RegExp(`^(?:(?:in|across|throughout)\\s+)?(?:the\\s+)?${DIR_ADJ}(?:\\s+and\\s+${DIR_ADJ})?\\s+(.+?)\\s+countryside$`, "i");
// "west of Daraa countryside" (the source's own word order)
const DIR_OF_COUNTRYSIDE = new RegExp(`^(?:(?:in|across)\\s+)?(?:the\\s+)?(${DIR})(?:\\s+and\\s+(${DIR}))?\\s+of\\s+(.+?)\\s+countryside$`, "i");
const PART_OF = /^(?:the\s+)?(.+?\s+(?:region|area|district|neighbou?rhood|quarter|camp|plain))\s+of\s+(.+)$/i;
const PLAIN_COUNTRYSIDE = /^(?:(?:in|across|throughout)\s+)?(?:the\s+)?(.+?)\s+countryside$|^rural\s+(.+)$/i;

/** "A and B in eastern Daraa countryside" → "A and B": the trailing context does not name a stop. */
function withoutContext(list: string): string {
  return list.split(/,?\s+in\s+(?:the\s+)?/i)[0];
}

/** The plan for a cleaned query (control characters removed, whitespace collapsed). */
export function parsePhrase(text: string): Plan {
  let m: RegExpMatchArray | null;
  if ((m = text.match(ROAD))) {
    const parts = splitList(withoutContext(m[2]));
    if (parts.length >= 2) return { type: "line", parts, ...(m[1] ? { name: `${m[1]} road` } : {}) };
  }
  if ((m = text.match(BETWEEN_POINT))) return { type: "between-point", name: m[1], parts: [m[2], m[3]] };
  if ((m = text.match(BETWEEN))) {
    const parts = splitList(withoutContext(m[1]));
    if (parts.length >= 2) return { type: "line", parts };
  }
  if ((m = text.match(NEAR))) return { type: "near", text: m[1] };
  if ((m = text.match(COUNTRYSIDE_OF))) return { type: "countryside", base: m[5], directions: directions(m[1], m[2], m[3], m[4]) };
  if ((m = text.match(DIR_OF_COUNTRYSIDE))) return { type: "countryside", base: m[3], directions: directions(m[1], m[2]) };
  if ((m = text.match(ADJ_COUNTRYSIDE))) return { type: "countryside", base: m[3], directions: directions(m[1], m[2]) };
  if ((m = text.match(PLAIN_COUNTRYSIDE))) return { type: "countryside", base: (m[1] ?? m[2]) as string, directions: [] };
  if ((m = text.match(THROUGHOUT))) return { type: "throughout", text: m[1] };
  // "the Ghouta region of Rif Dimashq": a generic head word, then its container.
  if ((m = text.match(PART_OF))) return { type: "within", parts: [m[1], m[2]] };
  // "X in Y", "X, Y" and "X (Y)": X first, Y as context or fallback.
  const within = text.split(/\s+in\s+(?:the\s+)?|\s*,\s+|\s*\(\s*|\s*\)\s*/i).map((p) => p.trim()).filter(Boolean);
  if (within.length >= 2) return { type: "within", parts: within };
  return { type: "place", text };
}

// Words around a name that say nothing about where it is: "in the besieged town of X", "rebel-held X".
const PREFIX = /^(?:(?:in|at|inside|within|from|of)\s+)?(?:the\s+)?(?:(?:still|besieged|rebel-held|opposition-held|government-held|regime-held|nearby|southern|northern)\s+)*(?:(?:town|city|village|neighbou?rhood|district|area|camp|quarter|suburb)\s+of\s+)?/i;
const SUFFIX = /\s+(?:city|town|village|neighbou?rhood|district|area|quarter|suburb|outskirts|frontline|front)$/i;

/** A place phrase without the words around the name ("in the town of X", "X city"), or null if unchanged. */
export function stripQualifiers(text: string): string | null {
  const stripped = text.replace(PREFIX, "").replace(SUFFIX, "").trim();
  return stripped && stripped !== text ? stripped : null;
}

const ADJECTIVE: Record<Direction, string> = {
  north: "northern", south: "southern", east: "eastern", west: "western",
  northeast: "north-eastern", northwest: "north-western", southeast: "south-eastern", southwest: "south-western",
};

/** The canonical name under which the curated supplement lists a directional region: "eastern Daraa countryside". */
export function countrysideName(base: string, dir: Direction): string {
  return `${ADJECTIVE[dir]} ${base} countryside`;
}
