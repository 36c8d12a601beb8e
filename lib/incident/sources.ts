// An incident's sources as flat text (SOURCE_LINKS_PROPERTY): one per line, an http(s) URL, a space and its
// description, or a description alone. Written by the importer, read by the details panel.
import { SOURCE_LINKS_PROPERTY, type IncidentProperties } from "./model";

export interface SourceLink {
  /** The link as written; the page links it only through safeHttpUrl (lib/import/url.ts). */
  url: string | null;
  description: string;
}

// A URL never holds a space (the WHATWG parser escapes them), so the first space ends it.
const URL_FIRST = /^(https?:\/\/\S+)(?: (.*))?$/i;
// Line breaks inside a description would start a new source.
const BREAKS = /[\r\n\u2028\u2029]+/g;

/** The lines of SOURCE_LINKS_PROPERTY for these sources; a source with neither a URL nor words is left out. */
export function sourceLinksText(sources: readonly SourceLink[]): string {
  const lines: string[] = [];
  for (const { url, description } of sources) {
    const words = description.replace(BREAKS, " ").trim();
    if (url !== null) lines.push(words ? `${url} ${words}` : url);
    else if (words) lines.push(words);
  }
  return lines.join("\n");
}

/** The incident's sources, in order; [] when it has none. */
export function sourceLinks(props: Pick<IncidentProperties, "source_links">): SourceLink[] {
  const text = props[SOURCE_LINKS_PROPERTY];
  if (typeof text !== "string") return [];
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const m = URL_FIRST.exec(line);
      return m ? { url: m[1], description: (m[2] ?? "").trim() } : { url: null, description: line.trim() };
    });
}
