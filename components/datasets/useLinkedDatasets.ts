"use client";
// The saved datasets the page shows, from the link it opened with (`dataset=a,b&key=…`, lib/url/dataset-params.ts):
// null while the server's HTML hydrates (the server knows no link), then that list, to which a dataset
// saved from this page is added (openSavedDataset); the URL names every one, so the link reopens them.
import { useSyncExternalStore } from "react";
import { readLink } from "@/lib/url/state";
import { COLUMNS_URL, datasetQuery } from "@/lib/url/dataset-params";
import { queryText } from "@/lib/url/params";
import { askEarly, type RemoteSource } from "./useRemoteIncidents";
import { sourceDescriptionUrl } from "./useDatasetDescriptions";

let opened: RemoteSource[] | undefined;
const listeners = new Set<() => void>();

function fromLink(): RemoteSource[] {
  const { datasets } = readLink(window.location.search);
  if (!datasets.named) {
    const key = datasets.keys.length ? `?key=${datasets.keys.join(",")}` : "";
    return [{ slug: datasets.datasets[0], url: `${COLUMNS_URL}${key}` }];
  }
  return datasets.datasets.map((slug) => ({ slug, url: `${COLUMNS_URL}${datasetQuery(slug, datasets.keys)}` }));
}

const onClient = () => (opened ??= fromLink());

// The link's datasets and descriptions are asked for as soon as the page's code runs, not once it has
// hydrated (the HTML, the same for every link, can preload only the default dataset's).
if (typeof window !== "undefined") {
  for (const s of onClient()) {
    askEarly(s.url);
    askEarly(sourceDescriptionUrl(s));
  }
}
const onServer = () => null;
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Opens a saved dataset beside the others (the account's own: no key needed) and names it in the URL. */
export function openSavedDataset(slug: string): void {
  const list = onClient();
  if (list.some((s) => s.slug === slug)) return;
  opened = [...list, { slug, url: `${COLUMNS_URL}${datasetQuery(slug, [])}` }];
  const params = new URLSearchParams(window.location.search);
  params.set("dataset", opened.map((s) => s.slug).join(","));
  window.history.replaceState(window.history.state, "", `${window.location.pathname}${queryText(params)}`);
  for (const listener of listeners) listener();
}

export function useLinkedDatasets(): RemoteSource[] | null {
  return useSyncExternalStore(subscribe, onClient, onServer);
}
