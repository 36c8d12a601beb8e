// What the HTML asks for before the page's scripts have come: the columns and description of each dataset
// the link names (the default dataset when it names none), preloaded from a line of script in the static
// HTML (app/page.tsx). The page's own reading of the link (useLinkedDatasets.ts, lib/url) asks for the same
// addresses and takes these responses over; tests/unit/early-requests.test.ts holds the two to the same list.

/**
 * The addresses the page will ask for first, for the link whose query is `search`, or [] for a link this
 * short reading is not sure of (an unusual or malformed one: the page then asks for its own, a little later).
 * Self-contained (no imports, nothing from outside its body), as the HTML carries its text.
 */
export function earlyRequests(search: string, columnsUrl: string, defaultDataset: string): string[] {
  const params = new URLSearchParams(search);
  const one = (name: string): string | null => {
    const all = params.getAll(name);
    for (const key of params.keys()) if (key.startsWith(`${name}[`)) return null;
    return all.length > 1 || (all[0] ?? "").length > 2000 ? null : (all[0] ?? "");
  };
  const listOf = (value: string, rule: RegExp): string[] | null => {
    const items = [...new Set(value.split(",").filter((s) => s !== ""))];
    return items.length <= 8 && items.every((s) => rule.test(s)) ? items : null;
  };
  const datasetText = one("dataset");
  const keyText = one("key");
  if (datasetText === null || keyText === null) return [];
  const slugs = datasetText ? listOf(datasetText, /^[a-z0-9][a-z0-9-]{0,63}$/) : [];
  const keys = listOf(keyText, /^[A-Za-z0-9_-]{16,128}$/);
  if (!slugs || !keys || (datasetText && !slugs.length)) return [];
  const key = keys.join(",");
  const description = (slug: string) => `/api/datasets/${encodeURIComponent(slug)}/description${key ? `?key=${encodeURIComponent(key)}` : ""}`;
  if (!slugs.length) return [`${columnsUrl}${key ? `?key=${key}` : ""}`, description(defaultDataset)];
  return slugs.flatMap((slug) => [`${columnsUrl}?dataset=${slug}${key ? `&key=${key}` : ""}`, description(slug)]);
}

/**
 * The HTML's line of script: preloads earlyRequests(location.search) as fetches the page's own will take
 * over. A module script with async runs as soon as the parser reaches it, not once the stylesheet has come
 * (as a classic inline script would, ~100 ms later).
 */
export function earlyRequestsScript(columnsUrl: string, defaultDataset: string): string {
  const call = `(${earlyRequests.toString()})(location.search,${JSON.stringify(columnsUrl)},${JSON.stringify(defaultDataset)})`;
  return `for(const u of ${call}){const l=document.createElement("link");l.rel="preload";l.as="fetch";l.crossOrigin="anonymous";l.href=u;document.head.append(l)}`;
}
