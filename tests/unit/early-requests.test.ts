// The HTML's early requests (components/datasets/early-requests.ts) against what the page asks for once its
// scripts run (useLinkedDatasets.ts's linkedSources, lib/url's reading of a link): the same addresses, or
// none when the short reading is unsure, never another dataset's.
import { describe, expect, it } from "vitest";
import { earlyRequests, earlyRequestsScript } from "@/components/datasets/early-requests";
import { linkedSources } from "@/components/datasets/useLinkedDatasets";
import { sourceDescriptionUrl } from "@/components/datasets/useDatasetDescriptions";
import { COLUMNS_URL, DEFAULT_DATASET } from "@/lib/url/dataset-params";

const KEY = "AbCdEfGhIjKlMnOpQrStUvWx";
const KEY2 = "zyxwvutsrqponmlk-_0123456";

/** What the page asks for first: each dataset's columns, then its description. */
const pageAsks = (search: string) => linkedSources(search).flatMap((s) => [s.url, sourceDescriptionUrl(s)]);

/** The script's own text run as the browser runs it, with `search` as the location's query. */
function scriptAsks(search: string): string[] {
  const hrefs: string[] = [];
  const document = { createElement: () => ({}), head: { append: (l: { href: string }) => hrefs.push(l.href) } };
  new Function("location", "document", earlyRequestsScript(COLUMNS_URL, DEFAULT_DATASET))({ search }, document);
  return hrefs;
}

const usual = [
  "",
  "?map=9/32.6/36.1&types=Battles",
  "?dataset=daraa-2021",
  "?dataset=synth-100k&map=7/34.80000/38.50000",
  `?dataset=daraa-2021,field-notes&key=${KEY}&incident=FN-2`,
  `?dataset=a,b,a&key=${KEY},${KEY2}`,
  `?key=${KEY}`,
  "?dataset=&key=",
];

const unusual = [
  "?dataset=Daraa",
  "?dataset=a&dataset=b",
  "?dataset[]=a",
  "?dataset=a,b,c,d,e,f,g,h,i",
  "?key=short",
  `?dataset=x&key=${KEY}&key=${KEY}`,
  `?dataset=${"a".repeat(2001)}`,
  "?dataset=,,",
  "?dataset=%E2%80%AEevil",
];

describe("earlyRequests", () => {
  it.each(usual)("%s: the page's own first requests", (search) => {
    expect(earlyRequests(search, COLUMNS_URL, DEFAULT_DATASET)).toEqual(pageAsks(search));
    expect(earlyRequests(search, COLUMNS_URL, DEFAULT_DATASET).length).toBeGreaterThan(0);
  });

  it.each(unusual)("%s: nothing, or the page's own", (search) => {
    const early = earlyRequests(search, COLUMNS_URL, DEFAULT_DATASET);
    if (early.length) expect(early).toEqual(pageAsks(search));
  });

  it("as the HTML's script: the same addresses, preloaded", () => {
    for (const search of [...usual, ...unusual]) expect(scriptAsks(search)).toEqual(earlyRequests(search, COLUMNS_URL, DEFAULT_DATASET));
  });
});
