"use client";
// Each saved dataset's description (name, reference point, context layers, default view), fetched beside
// its incidents from GET /api/datasets/<slug>/description and read at the edge (lib/dataset/description.ts).
// One that cannot be had is the bare description: the dataset is then framed on its incidents, without context.
import { useEffect, useState } from "react";
import { BARE_DESCRIPTION, readDescription, type DatasetDescription } from "@/lib/dataset/description";
import { descriptionUrl } from "@/lib/url/dataset-params";

async function load(slug: string, signal: AbortSignal): Promise<DatasetDescription> {
  const res = await fetch(descriptionUrl(slug), { signal });
  if (!res.ok) throw new Error(`${slug}'s description: HTTP ${res.status}`);
  return readDescription(await res.json());
}

/** Descriptions by slug; a slug is missing while its description loads. */
export function useDatasetDescriptions(slugs: readonly string[]): ReadonlyMap<string, DatasetDescription> {
  const key = slugs.join(",");
  const [got, setGot] = useState<{ key: string; map: ReadonlyMap<string, DatasetDescription> }>({ key: "", map: new Map() });
  useEffect(() => {
    if (!key) return;
    const abort = new AbortController();
    for (const slug of key.split(",")) {
      load(slug, abort.signal)
        .catch((err: Error) => {
          if (!abort.signal.aborted) console.warn(err.message);
          return BARE_DESCRIPTION;
        })
        .then((d) => {
          if (!abort.signal.aborted) setGot((prev) => ({ key, map: new Map(prev.key === key ? prev.map : []).set(slug, d) }));
        });
    }
    return () => abort.abort();
  }, [key]);
  return got.key === key ? got.map : EMPTY;
}

const EMPTY: ReadonlyMap<string, DatasetDescription> = new Map();
