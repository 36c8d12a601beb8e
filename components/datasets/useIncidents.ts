"use client";
// The incidents the page works on: its datasets (each fetched as incident columns and shown as a layer that
// can be switched off) and the user's visible imports, which take part in filters, distances, hotspots and export.
import { useCallback, useMemo, useState } from "react";
import type { PlacedIncident } from "@/lib/incident/place";
import { useImportsWhenUsed } from "../import/lazy";
import { useRemoteDatasets, type RemoteSource } from "./useRemoteIncidents";
import { together } from "./together";
import { useDatasetDescriptions } from "./useDatasetDescriptions";
import { BARE_DESCRIPTION, type DatasetDescription } from "@/lib/dataset/description";

const NO_SOURCES: RemoteSource[] = [];

export interface DatasetLayer {
  slug: string;
  name: string | null;
  /** Incidents, once loaded. */
  count: number | null;
  error: string | null;
  visible: boolean;
}

/** A dataset open on the page, saved on the server or imported in this browser: the unit the page frames,
 * names, exports and links. */
export interface OpenDataset {
  /** "saved:<slug>" or "local:<import id>": unique on the page. */
  key: string;
  kind: "saved" | "local";
  /** The server's slug; null for a local import. */
  slug: string | null;
  /** Its name: a saved dataset's (its slug until the server said), a local import's file name. */
  name: string;
  visible: boolean;
  /** Its incidents placed for the map; null while they load. */
  incidents: readonly PlacedIncident[] | null;
  error: string | null;
  /** What it says about itself (reference point, context layers, default view); null while it loads. */
  description: DatasetDescription | null;
}

/** The key a dataset has on the page (and in ExplorerState's `hiddenDatasets`). */
export const savedKey = (slug: string) => `saved:${slug}`;
export const localKey = (importId: string) => `local:${importId}`;

/** `hidden` is the keys of the datasets switched off (ExplorerState); `onImportPlaced` hears of each layer an import places. */
export function useIncidents(sources: readonly RemoteSource[] | null, hidden: readonly string[], onImportPlaced: (key: string) => void) {
  const remote = useRemoteDatasets(sources);
  // Bumped when an owner changes a description on this page, to read them again.
  const [descriptionsVersion, setDescriptionsVersion] = useState(0);
  const reloadDescriptions = useCallback(() => setDescriptionsVersion((n) => n + 1), []);
  const descriptions = useDatasetDescriptions(sources ?? NO_SOURCES, descriptionsVersion);
  const dataset = useMemo(() => {
    const shown = remote.filter((d) => d.incidents && !hidden.includes(savedKey(d.slug)));
    return together(shown.map((d) => d.incidents!));
  }, [remote, hidden]);
  const datasetIds = useMemo(() => new Set(dataset.map((p) => p.feature.properties.event_id)), [dataset]);
  const { imports, host: importsHost } = useImportsWhenUsed(datasetIds, useCallback((id: string) => onImportPlaced(localKey(id)), [onImportPlaced]));
  const { imports: stored, placedById } = imports;
  // The visible imports' incidents together.
  const placed = useMemo(() => together(stored.filter((s) => !hidden.includes(localKey(s.id))).map((s) => placedById.get(s.id) ?? [])), [stored, hidden, placedById]);
  const incidents = useMemo(() => together([dataset, placed]), [dataset, placed]);
  // The first of several incidents sharing an id wins (datasets are numbered independently). Searched when
  // asked (a selection, a link): a map of every id would cost each arrival of 100,000 incidents O(n).
  const byId = useCallback((id: string): PlacedIncident | undefined => incidents.find((p) => p.feature.properties.event_id === id), [incidents]);
  const layers: DatasetLayer[] = useMemo(
    () => remote.map((d) => ({ slug: d.slug, name: d.name, count: d.incidents?.length ?? null, error: d.error, visible: !hidden.includes(savedKey(d.slug)) })),
    [remote, hidden],
  );
  const open: OpenDataset[] = useMemo(
    () => [
      ...remote.map((d) => {
        const description = descriptions.get(d.slug) ?? null;
        const key = savedKey(d.slug);
        return { key, kind: "saved" as const, slug: d.slug, name: d.name ?? description?.name ?? d.slug, visible: !hidden.includes(key), incidents: d.incidents, error: d.error, description };
      }),
      ...stored.map((s) => ({ key: localKey(s.id), kind: "local" as const, slug: null, name: s.fileName, visible: !hidden.includes(localKey(s.id)), incidents: placedById.get(s.id) ?? null, error: null, description: BARE_DESCRIPTION })),
    ],
    [remote, hidden, stored, placedById, descriptions],
  );
  const settled = remote.length > 0 && remote.every((d) => d.incidents !== null || d.error !== null);
  // What the page opens with has come: every dataset and description, and the imports kept in this browser.
  const opened = settled && remote.every((d) => descriptions.has(d.slug)) && imports.restored;
  // What the page opens with can be framed: as `opened`, but a dataset whose description gives its view is
  // framed by it while its incidents still load, so the map is drawn meanwhile (useOpenDatasets's frame).
  // Never before its description: framed on incidents that came first, the map kept their extent, not its view.
  const framable = remote.length > 0 && imports.restored && remote.every((d) => descriptions.has(d.slug) && (d.incidents !== null || d.error !== null || descriptions.get(d.slug)!.defaultView));
  const loaded = remote.some((d) => d.incidents !== null);
  const errors = remote.filter((d) => d.error !== null).map((d) => d.error);
  return {
    incidents,
    byId,
    imports,
    /** Runs the imports once their code is here (components/import/lazy.tsx): the page renders it anywhere. */
    importsHost,
    datasets: layers,
    /** Every dataset open on the page, saved then local, in the order they were opened. */
    open,
    /** Reads the saved datasets' descriptions again (an owner changed one). */
    reloadDescriptions,
    /** Every dataset has loaded or failed, and one at least has loaded (imports may follow). */
    arrived: settled && loaded,
    /** Everything the page opened with has loaded or failed, descriptions and kept imports too: time to frame it. */
    opened,
    /** Every dataset's description is here and its frame known (its view, or its incidents loaded or failed), and the kept imports: time to frame. */
    framable: Boolean(framable),
    /** Why the datasets failed to load, when none did. */
    loadError: settled && !loaded ? errors.join("; ") : null,
    /** The server is preparing its database: nothing has loaded yet because of it. */
    preparing: !loaded && remote.some((d) => d.preparing),
  };
}
