"use client";
// Each saved dataset's description (name, reference point, context layers, default view), fetched beside
// its incidents from GET /api/datasets/<slug>/description (with the link's key, as its incidents are) and
// read at the edge (lib/dataset/description.ts). One that cannot be had is the bare description: the
// dataset is then framed on its incidents, without context.
import { useEffect, useState } from "react";
import { BARE_DESCRIPTION, readDescription, type DatasetDescription } from "@/lib/dataset/description";
import { descriptionUrl } from "@/lib/url/dataset-params";
import { fetchWhenReady, type RemoteSource } from "./useRemoteIncidents";

/** The description's URL for a dataset fetched from `source`: the same link key, if any. */
export const sourceDescriptionUrl = (source: RemoteSource): string => descriptionUrl(source.slug, new URL(source.url, "http://page").searchParams.get("key"));

async function load(url: string, signal: AbortSignal): Promise<DatasetDescription> {
  // While the server prepares its database it answers 503, as for the incidents: asked again, not taken as bare.
  const res = await fetchWhenReady(url, signal, () => {});
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return readDescription(await res.json());
}

/**
 * Descriptions by slug; a slug is missing while its first description loads. A new `version` asks again
 * (after its owner changed one), keeping those already had until the new ones come.
 */
export function useDatasetDescriptions(sources: readonly RemoteSource[], version = 0): ReadonlyMap<string, DatasetDescription> {
  const key = JSON.stringify(sources.map((s) => [s.slug, sourceDescriptionUrl(s)]));
  const [got, setGot] = useState<{ key: string; map: ReadonlyMap<string, DatasetDescription> }>({ key: "[]", map: new Map() });
  useEffect(() => {
    const wanted = JSON.parse(key) as [string, string][];
    if (!wanted.length) return;
    const abort = new AbortController();
    for (const [slug, url] of wanted) {
      load(url, abort.signal)
        .catch((err: Error) => {
          if (!abort.signal.aborted) console.warn(err.message);
          return BARE_DESCRIPTION;
        })
        .then((d) => {
          if (!abort.signal.aborted) setGot((prev) => ({ key, map: new Map(prev.key === key ? prev.map : []).set(slug, d) }));
        });
    }
    return () => abort.abort();
  }, [key, version]);
  return got.key === key ? got.map : EMPTY;
}

const EMPTY: ReadonlyMap<string, DatasetDescription> = new Map();
