// Which datasets a request or a page link names: `dataset=slug[,slug…]` and `key=token[,token…]` (the
// "anyone with the link" keys; each is tried against every named dataset, so one link can open several).
// The API reads them strictly (400 naming the parameter), the page leniently (a bad one dropped and named).
import { isSlug } from "../rules/slug";
import { ParamError, paramValue, queryText, type DroppedParam } from "./params";

// @option DEFAULT_DATASET: string = "daraa-2021"
// The dataset a request or link that names none reads: the seeded Daraa dataset.
export const DEFAULT_DATASET = "daraa-2021";

// @option COLUMNS_URL: string = "/api/incidents/columns"
// The default dataset's columns as the page asks for them: app/page.tsx preloads this very URL with the HTML.
export const COLUMNS_URL = "/api/incidents/columns";

/** Where the page reads a dataset's description, with the link's key if any: app/page.tsx preloads the
 *  default dataset's with the HTML, so the page must ask for the same address. */
export function descriptionUrl(slug: string, key?: string | null): string {
  return `/api/datasets/${encodeURIComponent(slug)}/description${key ? `?key=${encodeURIComponent(key)}` : ""}`;
}

// @option MAX_DATASETS: number = 8
// Most datasets one page shows as layers (each is a download and a layer switch).
export const MAX_DATASETS = 8;

// A link key: base64url, as lib/auth makes them; the store looks up only its hash.
const KEY = /^[A-Za-z0-9_-]{16,128}$/;

export interface DatasetSelection {
  /** Slugs in the link's order, without duplicates; [DEFAULT_DATASET] when none is named. */
  datasets: string[];
  /** Link keys, possibly none. */
  keys: string[];
}

const list = (text: string) => [...new Set(text.split(",").filter((s) => s !== ""))];

function readDatasets(value: string): string[] {
  const slugs = list(value);
  const bad = slugs.find((s) => !isSlug(s));
  if (bad !== undefined) throw new RangeError(`${JSON.stringify(bad)} is not a dataset slug (a-z, 0-9 and -, at most 64)`);
  if (slugs.length > MAX_DATASETS) throw new RangeError(`names ${slugs.length} datasets; at most ${MAX_DATASETS}`);
  return slugs;
}

function readKeys(value: string): string[] {
  const keys = list(value);
  if (keys.some((k) => !KEY.test(k))) throw new RangeError("is not a list of link keys (base64url)");
  if (keys.length > MAX_DATASETS) throw new RangeError(`holds ${keys.length} keys; at most ${MAX_DATASETS}`);
  return keys;
}

/** The `key` parameter; a refusal (repeated, too long, array form) never echoes it back. */
function keyValue(params: URLSearchParams): string | null {
  try {
    return paramValue(params, "key", 2000);
  } catch (err) {
    if (err instanceof ParamError) throw new ParamError(err.field, "…", err.reason);
    throw err;
  }
}

/**
 * The API's reading: one dataset only when `single` (a route answers for one), the keys as given.
 * @throws ParamError naming `dataset` or `key`; a key's value is never echoed back
 */
export function parseDatasetParams(params: URLSearchParams, options: { single?: boolean } = {}): DatasetSelection {
  const out: DatasetSelection = { datasets: [DEFAULT_DATASET], keys: [] };
  const datasetText = paramValue(params, "dataset", 2000);
  if (datasetText !== null) {
    try {
      out.datasets = readDatasets(datasetText);
    } catch (err) {
      throw new ParamError("dataset", datasetText, (err as Error).message);
    }
    if (options.single && out.datasets.length > 1) throw new ParamError("dataset", datasetText, "this route reads one dataset; ask once per dataset");
    if (out.datasets.length === 0) out.datasets = [DEFAULT_DATASET];
  }
  const keyText = keyValue(params);
  if (keyText !== null) {
    try {
      out.keys = readKeys(keyText);
    } catch (err) {
      throw new ParamError("key", "…", (err as Error).message);
    }
  }
  return out;
}

/** The page's reading: a bad `dataset` or `key` is left out (the defaults kept) and listed in `dropped`. */
export function readDatasetParams(params: URLSearchParams): { selection: DatasetSelection; dropped: DroppedParam[] } {
  const selection: DatasetSelection = { datasets: [DEFAULT_DATASET], keys: [] };
  const dropped: DroppedParam[] = [];
  for (const [name, readList] of [["dataset", readDatasets], ["key", readKeys]] as const) {
    let value: string | null;
    try {
      value = paramValue(params, name, 2000);
      if (value === null) continue;
      const values = readList(value);
      if (name === "dataset") {
        if (values.length) selection.datasets = values;
      } else selection.keys = values;
    } catch (err) {
      const error = err as Error;
      dropped.push({ field: name, value: name === "key" ? "…" : (params.get(name) ?? ""), reason: error instanceof ParamError ? error.reason : error.message });
    }
  }
  return { selection, dropped };
}

/** The query string of one dataset's request or link (the page's loaders, a dataset's page): `?dataset=slug[&key=…]`. */
export function datasetQuery(slug: string, keys: readonly string[]): string {
  const params = new URLSearchParams({ dataset: slug });
  if (keys.length) params.set("key", keys.join(","));
  return queryText(params);
}
