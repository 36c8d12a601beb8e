"use client";
// The datasets the page shows, from the link it opened with (`dataset=a,b&key=…`, lib/url/dataset-params.ts):
// null while the server's HTML hydrates (the server knows no link), then the same list for the page's life.
import { useSyncExternalStore } from "react";
import { readLink } from "@/lib/url/state";
import { COLUMNS_URL, datasetQuery } from "@/lib/url/dataset-params";
import type { RemoteSource } from "./useRemoteIncidents";

let opened: RemoteSource[] | undefined;

function fromLink(): RemoteSource[] {
  const { datasets } = readLink(window.location.search);
  if (!datasets.named) {
    const key = datasets.keys.length ? `?key=${datasets.keys.join(",")}` : "";
    return [{ slug: datasets.datasets[0], url: `${COLUMNS_URL}${key}` }];
  }
  return datasets.datasets.map((slug) => ({ slug, url: `${COLUMNS_URL}${datasetQuery(slug, datasets.keys)}` }));
}

const noChanges = () => () => {};
const onClient = () => (opened ??= fromLink());
const onServer = () => null;

export function useLinkedDatasets(): RemoteSource[] | null {
  return useSyncExternalStore(noChanges, onClient, onServer);
}
