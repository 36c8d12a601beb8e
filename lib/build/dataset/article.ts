// The source article: the one text every quote must come from, and whose infobox gives the totals the
// itemised casualties are set against. Pure: callers hand in the file's text.

/** The article's citation, carried by every incident's `source`. */
export const ARTICLE_SOURCE =
  'Wikipedia contributors, "2021 Daraa offensive", English Wikipedia (CC BY-SA 4.0), https://en.wikipedia.org/wiki/2021_Daraa_offensive';

/** Where the article's text is kept, relative to the project root (a copy under its CC BY-SA 4.0 licence). */
export const ARTICLE_PATH = "geodata/sources/daraa-offensive-2021.md";

/**
 * True when `quote` occurs verbatim in the article: no case folding, no quote-mark or space
 * normalisation, so a quote a reader searches for in the article is found as it is.
 */
export function quoteOccurs(article: string, quote: string): boolean {
  return quote.length > 0 && article.includes(quote);
}

/** The infobox's casualty totals, by side. */
export interface InfoboxCasualties {
  government: { killed: number; captured: number };
  rebels: { killed: number };
  civilians: { killed: number };
}

/** The `text:` value of one infobox field of the YAML front matter (block or inline). */
function infoboxText(article: string, field: string): string {
  const lines = article.split("\n");
  const at = lines.findIndex((l) => l.trim() === `${field}:`);
  if (at < 0) throw new Error(`the article's infobox has no "${field}" field`);
  const textLine = lines[at + 1] ?? "";
  const m = /^(\s*)text:\s*(.*)$/.exec(textLine);
  if (!m) throw new Error(`the article's infobox field "${field}" has no text`);
  const [, indent, inline] = m;
  if (inline !== "" && !inline.startsWith("|") && !inline.startsWith(">")) return inline;
  // A block scalar: the lines indented deeper than `text:`.
  const out: string[] = [];
  for (const l of lines.slice(at + 2)) {
    if (l.trim() !== "" && l.length - l.trimStart().length <= indent.length) break;
    out.push(l.trim());
  }
  return out.join("\n");
}

function figure(text: string, word: string, field: string): number {
  const m = new RegExp(`(\\d+)\\s+(?:civilians\\s+)?${word}`).exec(text);
  if (!m) throw new Error(`the article's infobox field "${field}" gives no "${word}" figure (text: ${JSON.stringify(text)})`);
  return Number(m[1]);
}

/**
 * Reads the totals from the infobox rather than copying them, so a new revision of the article shows
 * up in the comparison. casualties1/2/3 follow combatant1 (Syria), combatant2 (the rebels) and the
 * civilians line, as Wikipedia's military-conflict infobox orders them.
 */
export function infoboxCasualties(article: string): InfoboxCasualties {
  const c1 = infoboxText(article, "casualties1");
  const c2 = infoboxText(article, "casualties2");
  const c3 = infoboxText(article, "casualties3");
  return {
    government: { killed: figure(c1, "killed", "casualties1"), captured: figure(c1, "captured", "casualties1") },
    rebels: { killed: figure(c2, "killed", "casualties2") },
    civilians: { killed: figure(c3, "killed", "casualties3") },
  };
}
