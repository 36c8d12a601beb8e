"use client";
// The user's own incidents: each file read in its own Web Worker, shown in the mapping step, imported with
// progress, kept in IndexedDB as its own layer. A refused, cancelled or empty import changes nothing: the
// dataset and earlier imports stay as they were. The worker sends an import as incident columns, as a saved
// dataset arrives, and the page builds its incidents from them in short slices (buildPlacedInSlices): no Turf here.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { rememberIncidentsFrame } from "@/lib/dataset/frame";
import { buildPlacedCounted } from "../explorer/category-counts";
import type { PlacedIncident } from "@/lib/incident/place";
import type { IncidentCollection } from "@/lib/incident/model";
import type { Mapping } from "@/lib/import/mapping/types";
import type { ReadSourceOptions } from "@/lib/import/source/types";
import type { FlagAction } from "@/lib/import/flags";
import { removeImport, saveImport, type LoadedImport } from "./importStore";
import { restoreImports } from "./restore";
import { ImportWorkerClient } from "./workerClient";
import { whenIdle } from "../layout/whenIdle";
import { forget, recall, remember, sameMapping } from "./remembered";
import type { MappingState } from "./step";
import { createImportStore, mappingAfterRead, nextLayerId, pressedAndReady } from "./steps";

export type { ImportOutcome } from "./steps";

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/** `onPlaced` hears of each layer an import places (or places again), so the page can show it. */
export function useImports(datasetIds: ReadonlySet<string>, onPlaced: (layerId: string) => void) {
  const [store] = useState(createImportStore);
  // Rendered through state, so its updates are scheduled and batched as any other state's on the page.
  const [state, setState] = useState(store.getState);
  useEffect(() => store.subscribe(() => setState(store.getState())), [store]);
  const { dispatch, getState } = store;
  const { step, imports, outcomes } = state;

  // The import runs across awaits: it reads the latest of these, not the render's.
  const datasetIdsRef = useRef(datasetIds);
  const onPlacedRef = useRef(onPlaced);
  const client = useRef<ImportWorkerClient | null>(null);
  // A worker started ahead of the next file (its code fetched and compiled), which the file then takes.
  const spare = useRef<ImportWorkerClient | null>(null);
  // Saves still running, by layer: a removal waits for its layer's save, so the layer cannot come back.
  const saving = useRef(new Map<string, Promise<void>>());
  // A report's actions on a layer, one after another: each starts from the columns the one before left.
  const flagging = useRef(new Map<string, Promise<void>>());
  useEffect(() => {
    datasetIdsRef.current = datasetIds;
    onPlacedRef.current = onPlaced;
  }, [datasetIds, onPlaced]);

  useEffect(() => {
    restoreImports()
      .then((good) => {
        dispatch({ type: "restored", imports: good });
      })
      .catch(() => dispatch({ type: "restored", imports: null }));
    spare.current ??= new ImportWorkerClient();
    return () => {
      client.current?.dispose();
      spare.current?.dispose();
      spare.current = null;
    };
  }, [dispatch]);

  /** Ids already on the map, but for the layer `replacing` (its import is about to be replaced). */
  const idsOnMap = useCallback(
    (replacing?: LoadedImport) => [
      ...datasetIdsRef.current,
      ...getState().imports.filter((x) => x !== replacing).flatMap((x) => x.placed.map((p) => p.feature.properties.event_id)),
    ],
    [getState],
  );

  /** The whole file counted under `mapping` in the worker; only the latest count is shown. */
  const countFor = useCallback(
    async (mapping: Mapping) => {
      const c = client.current;
      if (!c) return;
      dispatch({ type: "countAsked" });
      const seq = getState().countSeq;
      // The ids an import would be given now: the worker keeps the counted rows for it.
      const reply = await c.request({ type: "count", mapping, idPrefix: nextLayerId(getState().imports), existingIds: idsOnMap() }, undefined, (share) => dispatch({ type: "counting", seq, share }));
      if (client.current !== c) return;
      dispatch({ type: "counted", seq, count: reply.type === "counted" ? reply.count : null });
    },
    [dispatch, getState, idsOnMap],
  );

  const previewFor = useCallback(
    async (mapping: Mapping) => {
      const c = client.current;
      if (!c) return;
      dispatch({ type: "previewAsked", mapping });
      const seq = getState().previewSeq;
      void countFor(mapping);
      const reply = await c.request({ type: "preview", mapping });
      if (client.current !== c) return;
      dispatch({ type: "previewed", seq, preview: reply.type === "previewed" ? { preview: reply.preview, rejectedInSample: reply.rejectedInSample } : null });
    },
    [countFor, dispatch, getState],
  );

  /** Takes the next readable file of the queue to its mapping step, or ends the session. */
  const nextFile = useCallback(async (): Promise<void> => {
    for (;;) {
      client.current?.dispose();
      client.current = null;
      dispatch({ type: "nextFile" });
      const { step: taken } = getState();
      if (taken.kind !== "reading") {
        // The session is over: a worker waits for the next one.
        spare.current ??= new ImportWorkerClient();
        return;
      }
      const { file } = taken;
      const c = spare.current ?? new ImportWorkerClient();
      spare.current = null;
      client.current = c;
      // The worker counts the proposal as soon as it has read the sample: the ids countFor would give it.
      const reply = await c.request({ type: "inspect", file, count: { idPrefix: nextLayerId(getState().imports), existingIds: idsOnMap() } });
      if (client.current !== c) return;
      if (reply.type !== "inspected") {
        dispatch({ type: "reported", outcome: { fileName: file.name, error: reply.type === "failed" ? reply.error : "the file could not be read" } });
        continue;
      }
      const { inspection } = reply;
      const store = storage();
      const remembered = store ? recall(inspection.source.columns, store) : null;
      const useRemembered = remembered !== null && !sameMapping(remembered.mapping, inspection.proposal.mapping);
      const found = { inspection, estimate: reply.estimate, samples: reply.samples };
      dispatch({ type: "inspected", found, sha256: reply.sha256, mapping: useRemembered ? remembered.mapping : inspection.proposal.mapping, remembered: useRemembered ? remembered : null });
      if (useRemembered) void previewFor(remembered.mapping);
      else void countFor(inspection.proposal.mapping);
      return;
    }
  }, [countFor, dispatch, getState, idsOnMap, previewFor]);

  const importFiles = useCallback(
    (files: readonly File[]) => {
      const idle = getState().step.kind === "idle";
      dispatch({ type: "filesAdded", files });
      if (idle) void nextFile();
    },
    [dispatch, getState, nextFile],
  );

  const changeMapping = useCallback(
    (mapping: Mapping) => {
      dispatch({ type: "mappingChanged" });
      void previewFor(mapping);
    },
    [dispatch, previewFor],
  );

  /** Reads the file again with another encoding, sheet or separator; the user's mapping stays if the columns do. */
  const changeRead = useCallback(
    async (read: ReadSourceOptions) => {
      const c = client.current;
      const before = getState().step;
      if (!c || before.kind !== "mapping") return;
      dispatch({ type: "readAsked", read });
      const seq = getState().previewSeq;
      const reply = await c.request({ type: "inspect", read });
      if (client.current !== c) return;
      const s = getState().step;
      const found = reply.type === "inspected" ? { inspection: reply.inspection, estimate: reply.estimate, samples: reply.samples } : null;
      // What follows the new reading, decided on the step as it stands now: a preview of the kept mapping, or a count of the proposal.
      const after = found && s.kind === "mapping" && seq === getState().previewSeq ? mappingAfterRead(s, found) : null;
      const error = reply.type === "failed" ? `read again as asked: ${reply.error}` : null;
      dispatch({ type: "reread", seq, found, error, previousRead: before.read });
      if (!after) return;
      if (after.kept) void previewFor(after.mapping);
      else void countFor(after.mapping);
    },
    [countFor, dispatch, getState, previewFor],
  );

  /** Back to the proposal, and the header's remembered mapping forgotten. */
  const resetRemembered = useCallback(() => {
    const s = getState().step;
    if (s.kind !== "mapping") return;
    const store = storage();
    if (store) forget(s.inspection.source.columns, store);
    changeMapping(s.inspection.proposal.mapping);
  }, [changeMapping, getState]);

  /** Imports the file in the mapping step; `replaceId` is the layer of an earlier import of the same file. */
  const confirm = useCallback(
    async (replaceId?: string) => {
      const c = client.current;
      const { step: s, imports: current } = getState();
      if (!c || s.kind !== "mapping") return;
      const replacing = replaceId ? current.find((x) => x.id === replaceId) : undefined;
      const id = replacing?.id ?? nextLayerId(current);
      const existingIds = idsOnMap(replacing);
      dispatch({ type: "importStarted" });
      // The proposal is the importer's own default: passed only when the user changed it, so the report says which.
      const mapping = sameMapping(s.mapping, s.inspection.proposal.mapping) ? undefined : s.mapping;
      const reply = await c.request({ type: "import", mapping, read: s.read, idPrefix: id, existingIds }, (progress) => dispatch({ type: "importProgressed", progress }));
      if (client.current !== c) return;
      if (reply.type === "cancelled") dispatch({ type: "reported", outcome: { fileName: s.fileName, cancelled: true } });
      else if (reply.type !== "imported") dispatch({ type: "reported", outcome: { fileName: s.fileName, error: reply.type === "failed" ? reply.error : "the import did not finish" } });
      else {
        performance.mark("import:result");
        rememberChoice(s);
        const { columns } = reply;
        const hasIncidents = columns.header.count > 0;
        const stored: LoadedImport | null = hasIncidents
          ? { id, fileName: s.fileName, importedAt: new Date().toISOString(), columns: columns.buffer, report: reply.report, sha256: s.sha256, ...(reply.problemRows ? { problemRows: reply.problemRows } : {}), ...(reply.flaggedRows ? { flaggedRows: reply.flaggedRows } : {}), placed: await buildPlacedCounted(columns) }
          : null;
        if (stored) {
          rememberIncidentsFrame(stored.placed, reply.frame);
          performance.mark("import:built");
        }
        const outcome = { fileName: s.fileName, report: reply.report, flags: reply.flags, ...(reply.flaggedRows ? { flaggedRows: reply.flaggedRows } : {}), ...(reply.problemRows ? { problemRows: reply.problemRows } : {}), ...(hasIncidents ? { layerId: id } : {}), ...(replacing && hasIncidents ? { replaced: replacing.fileName } : {}) };
        dispatch({ type: "imported", outcome, placed: stored });
        // A large import's bytes to keep are asked for once the page is idle (the incidents drawn), so that the
        // worker's writing them does not take the CPU from the drawing; a small one's at once (a few ms), so a
        // reload straight after finds it. The report says "Keeping it…" until it is kept.
        const idle = columns.header.count > KEEP_AT_ONCE_UP_TO ? new Promise<void>((resolve) => whenIdle(resolve, KEEP_WITHIN_MS)) : Promise.resolve();
        const kept = idle.then(() => c.request({ type: "keep", of: reply.seq }));
        if (stored) {
          onPlacedRef.current(id);
          // On the map first; kept for the next visit meanwhile (a million incidents take IndexedDB seconds).
          saving.current.set(
            id,
            kept
              .then((k) => {
                if (k.type !== "kept") throw new Error(k.type === "failed" ? k.error : "the import's worker stopped before it sent the bytes to keep");
                // The layer was built from the columns' sections alone: it holds their bytes from now on (a
                // report's action starts from them).
                stored.columns = k.bytes;
                return saveImport(stored, k.blob);
              })
              .then(() => {
                performance.mark("import:stored");
                dispatch({ type: "kept", layerId: id });
              })
              .catch((err: unknown) => {
                const why = err instanceof Error || err instanceof DOMException ? err.message : String(err);
                dispatch({ type: "notKept", layerId: id, why: why || "the browser's storage refused it" });
              }),
          );
        }
        // The worker goes once it has written them.
        await kept;
      }
      await nextFile();
    },
    [dispatch, getState, idsOnMap, nextFile],
  );

  /** Import (or Replace) pressed: at once, or once the preview or reading on its way has come. */
  const press = useCallback(
    (replaceId?: string) => {
      const s = getState().step;
      if (s.kind !== "mapping") return;
      if (s.pending === null) void confirm(replaceId);
      else dispatch({ type: "importPressed", replaceId });
    },
    [confirm, dispatch, getState],
  );
  // confirm moves the step to "importing" before its first await: a kept press is carried out once.
  useEffect(() => {
    const ready = pressedAndReady(step);
    if (ready) void confirm(ready.replaceId);
  }, [step, confirm]);

  const cancelImport = useCallback(() => {
    client.current?.cancel();
    dispatch({ type: "cancelAsked" });
  }, [dispatch]);

  /** Closes the mapping step without importing this file (Escape, Cancel). */
  const skipFile = useCallback(() => {
    if (getState().step.kind !== "mapping") return;
    void nextFile();
  }, [getState, nextFile]);

  const remove = useCallback(
    async (id: string) => {
      await saving.current.get(id);
      await removeImport(id).catch(() => undefined);
      dispatch({ type: "layerRemoved", id });
    },
    [dispatch],
  );

  /** A one-click action of the report (swap or drop a group of flagged incidents) on the layer they came in
   *  with: the worker makes the layer's new columns (a swapped point is placed again there, not here). */
  const applyFlags = useCallback(
    (layerId: string, ids: readonly string[], action: FlagAction) => {
      const apply = async () => {
        // A new layer's bytes come with its save.
        await saving.current.get(layerId);
        const before = getState().imports.find((x) => x.id === layerId);
        if (!before) return;
        const worker = new ImportWorkerClient();
        const reply = await worker.request({ type: "flag", bytes: before.columns, ids: [...ids], action }).finally(() => worker.dispose());
        if (reply.type !== "columns") {
          dispatch({ type: "reported", outcome: { fileName: before.fileName, error: `the report's action could not be applied: ${reply.type === "failed" ? reply.error : reply.type}` } });
          return;
        }
        const placed = await buildPlacedCounted(reply.columns);
        if (!getState().imports.some((x) => x.id === layerId)) return;
        const stored: LoadedImport = { ...before, columns: reply.columns.buffer, placed };
        dispatch({ type: "layerChanged", layer: stored });
        // After the layer's earlier save, so the stored copy ends as the one on the map.
        const previous = saving.current.get(layerId) ?? Promise.resolve();
        saving.current.set(layerId, previous.then(() => saveImport(stored)).then(() => undefined, () => undefined));
      };
      const previous = flagging.current.get(layerId) ?? Promise.resolve();
      flagging.current.set(layerId, previous.then(apply));
    },
    [dispatch, getState],
  );

  // Each import's incidents (built once, from its columns); the file each came from.
  const placedById = useMemo(() => new Map(imports.map((s) => [s.id, s.placed] as const)), [imports]);
  // Searched when asked, for the one incident shown: a map of every id would cost each import's arrival O(n).
  const importedFrom = useCallback(
    (eventId: string): string | null => {
      // The latest import holding the id, as a map of them all would say.
      for (let k = imports.length - 1; k >= 0; k--) if (imports[k].placed.some((p) => p.feature.properties.event_id === eventId)) return imports[k].fileName;
      return null;
    },
    [imports],
  );

  return {
    imports,
    collectionOf,
    restored: state.restored,
    busy: step.kind !== "idle",
    step,
    outcomes,
    placedById,
    importedFrom,
    importFiles,
    changeMapping,
    changeRead: (read: ReadSourceOptions) => void changeRead(read),
    resetRemembered,
    confirm: press,
    cancelImport,
    skipFile,
    remove,
    applyFlags,
    dismiss: () => dispatch({ type: "outcomesDismissed" }),
  };
}

// @option KEEP_WITHIN_MS: number = 3000, longest wait for the page to be idle before a large import's bytes to keep are asked for.
const KEEP_WITHIN_MS = 3000;
// @option KEEP_AT_ONCE_UP_TO: number = 20_000, incidents whose bytes are kept at once, without waiting for the page to be idle.
const KEEP_AT_ONCE_UP_TO = 20_000;

/** A mapping the user changed is remembered for its header; going back to the proposal forgets it. */
function rememberChoice(s: MappingState): void {
  const store = storage();
  if (!store) return;
  const columns = s.inspection.source.columns;
  if (sameMapping(s.mapping, s.inspection.proposal.mapping)) forget(columns, store);
  else remember(columns, s.mapping, store);
}

const collections = new WeakMap<readonly PlacedIncident[], IncidentCollection>();

/** An import's incidents as a FeatureCollection (saving it to the server), made when first asked for: the
 *  features the map already holds, not a second copy of them. */
function collectionOf(s: LoadedImport): IncidentCollection {
  let collection = collections.get(s.placed);
  if (!collection) {
    collection = { type: "FeatureCollection", features: s.placed.map((p) => p.feature) };
    collections.set(s.placed, collection);
  }
  return collection;
}
