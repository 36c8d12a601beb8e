"use client";
// The user's own incidents: each file read in its own Web Worker, shown in the mapping step, imported with
// progress, kept in IndexedDB as its own layer. A refused, cancelled or empty import changes nothing: the
// dataset and earlier imports stay as they were. The worker sends an import as incident columns, as a saved
// dataset arrives, and the page builds its incidents from them in short slices (buildPlacedInSlices): no Turf here.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { PlacedIncident } from "@/lib/incident/place";
import type { IncidentCollection } from "@/lib/incident/model";
import { buildPlacedInSlices } from "@/lib/columns/build";
import { checkFileSize } from "@/lib/import/size";
import type { ImportReport } from "@/lib/import";
import type { Mapping } from "@/lib/import/mapping/types";
import type { ReadSourceOptions } from "@/lib/import/source/types";
import type { FlagAction } from "@/lib/import/flags";
import { removeImport, saveImport, type LoadedImport } from "./importStore";
import { restoreImports } from "./restore";
import { ImportWorkerClient } from "./workerClient";
import { forget, recall, remember, sameMapping } from "./remembered";
import type { MappingState, Step } from "./step";

export interface ImportOutcome {
  fileName: string;
  report?: ImportReport;
  /** The whole file was refused: why, naming the field and value. */
  error?: string;
  /** The user stopped the import: nothing changed. */
  cancelled?: boolean;
  /** The layer this import replaced. */
  replaced?: string;
  /** The layer it became, and why it could not be kept in this browser when saving failed. */
  layerId?: string;
  notKept?: string;
}

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

function nextLayerId(list: readonly LoadedImport[]): string {
  const taken = new Set(list.map((s) => Number(s.id.replace(/^IMP/, ""))));
  let n = 1;
  while (taken.has(n)) n++;
  return `IMP${n}`;
}

export function useImports(datasetIds: ReadonlySet<string>) {
  const [imports, setImports] = useState<LoadedImport[]>([]);
  const [visible, setVisible] = useState<Record<string, boolean>>({});
  // The imports kept in this browser have been read back (or could not be).
  const [restored, setRestored] = useState(false);
  const [outcomes, setOutcomes] = useState<ImportOutcome[]>([]);
  const [step, setStepState] = useState<Step>({ kind: "idle" });

  // The import runs across awaits: it reads the latest of these, not the render's.
  const stepRef = useRef<Step>(step);
  const importsRef = useRef(imports);
  const datasetIdsRef = useRef(datasetIds);
  const queue = useRef<File[]>([]);
  const client = useRef<ImportWorkerClient | null>(null);
  const previewSeq = useRef(0);
  const countSeq = useRef(0);
  // Saves still running, by layer: a removal waits for its layer's save, so the layer cannot come back.
  const saving = useRef(new Map<string, Promise<void>>());
  // A report's actions on a layer, one after another: each starts from the columns the one before left.
  const flagging = useRef(new Map<string, Promise<void>>());
  useEffect(() => {
    importsRef.current = imports;
    datasetIdsRef.current = datasetIds;
  }, [imports, datasetIds]);

  const setStep = useCallback((next: Step | ((s: Step) => Step)) => {
    stepRef.current = typeof next === "function" ? next(stepRef.current) : next;
    setStepState(stepRef.current);
  }, []);
  const report = useCallback((o: ImportOutcome) => setOutcomes((list) => [...list, o]), []);

  useEffect(() => {
    restoreImports()
      .then((good) => {
        setImports(good);
        setVisible(Object.fromEntries(good.map((s) => [s.id, true])));
      })
      .catch(() => undefined)
      .finally(() => setRestored(true));
    return () => client.current?.dispose();
  }, []);

  /** Ids already on the map, but for the layer `replacing` (its import is about to be replaced). */
  const idsOnMap = useCallback(
    (replacing?: LoadedImport) => [
      ...datasetIdsRef.current,
      ...importsRef.current.filter((x) => x !== replacing).flatMap((x) => x.placed.map((p) => p.feature.properties.event_id)),
    ],
    [],
  );

  /** The whole file counted under `mapping` in the worker; only the latest count is shown. */
  const countFor = useCallback(
    async (mapping: Mapping) => {
      const c = client.current;
      if (!c) return;
      const seq = ++countSeq.current;
      setStep((s) => (s.kind === "mapping" ? { ...s, whole: null, counting: 0 } : s));
      const onCounting = (counting: number) => {
        if (seq === countSeq.current) setStep((s) => (s.kind === "mapping" ? { ...s, counting } : s));
      };
      const reply = await c.request({ type: "count", mapping, existingIds: idsOnMap() }, undefined, onCounting);
      if (seq !== countSeq.current || client.current !== c) return;
      setStep((s) => (s.kind !== "mapping" ? s : { ...s, whole: reply.type === "counted" ? reply.count : null, counting: null }));
    },
    [idsOnMap, setStep],
  );

  const previewFor = useCallback(
    async (mapping: Mapping) => {
      const c = client.current;
      if (!c) return;
      const seq = ++previewSeq.current;
      setStep((s) => (s.kind === "mapping" ? { ...s, mapping, pending: "preview" } : s));
      void countFor(mapping);
      const reply = await c.request({ type: "preview", mapping });
      // Only the answer to the latest change is shown; an older one arriving late is dropped.
      if (seq !== previewSeq.current || client.current !== c) return;
      setStep((s) => {
        if (s.kind !== "mapping") return s;
        if (reply.type === "previewed") return { ...s, preview: reply.preview, rejectedInSample: reply.rejectedInSample, pending: null };
        return { ...s, pending: null };
      });
    },
    [countFor, setStep],
  );

  /** Takes the next readable file of the queue to its mapping step, or ends the session. */
  const nextFile = useCallback(async (): Promise<void> => {
    for (;;) {
      client.current?.dispose();
      client.current = null;
      const file = queue.current.shift();
      if (!file) {
        setStep({ kind: "idle" });
        return;
      }
      try {
        checkFileSize(file.size);
      } catch (err) {
        report({ fileName: file.name, error: (err as Error).message });
        continue;
      }
      const c = new ImportWorkerClient();
      client.current = c;
      setStep({ kind: "reading", fileName: file.name });
      const reply = await c.request({ type: "inspect", file });
      if (client.current !== c) return;
      if (reply.type !== "inspected") {
        report({ fileName: file.name, error: reply.type === "failed" ? reply.error : "the file could not be read" });
        continue;
      }
      const { inspection } = reply;
      const store = storage();
      const remembered = store ? recall(inspection.source.columns, store) : null;
      const useRemembered = remembered !== null && !sameMapping(remembered.mapping, inspection.proposal.mapping);
      setStep({
        kind: "mapping",
        fileName: file.name,
        inspection,
        sha256: reply.sha256,
        estimate: reply.estimate,
        samples: reply.samples,
        read: {},
        mapping: useRemembered ? remembered.mapping : inspection.proposal.mapping,
        preview: inspection.preview,
        rejectedInSample: inspection.rejectedInSample,
        remembered: useRemembered ? remembered : null,
        pending: null,
        whole: null,
        counting: null,
      });
      if (useRemembered) void previewFor(remembered.mapping);
      else void countFor(inspection.proposal.mapping);
      return;
    }
  }, [countFor, previewFor, report, setStep]);

  const importFiles = useCallback(
    (files: readonly File[]) => {
      queue.current.push(...files);
      if (stepRef.current.kind === "idle") {
        setOutcomes([]);
        void nextFile();
      }
    },
    [nextFile],
  );

  const changeMapping = useCallback(
    (mapping: Mapping) => {
      setStep((s) => (s.kind === "mapping" ? { ...s, remembered: null } : s));
      void previewFor(mapping);
    },
    [previewFor, setStep],
  );

  /** Reads the file again with another encoding, sheet or separator; the user's mapping stays if the columns do. */
  const changeRead = useCallback(
    async (read: ReadSourceOptions) => {
      const c = client.current;
      const before = stepRef.current;
      if (!c || before.kind !== "mapping") return;
      const seq = ++previewSeq.current;
      setStep({ ...before, read, pending: "read" });
      const reply = await c.request({ type: "inspect", read });
      if (seq !== previewSeq.current || client.current !== c) return;
      const s = stepRef.current;
      if (s.kind !== "mapping") return;
      if (reply.type !== "inspected") {
        setStep({ ...s, read: before.read, pending: null });
        report({ fileName: s.fileName, error: reply.type === "failed" ? `read again as asked: ${reply.error}` : "the file could not be read again" });
        return;
      }
      const { inspection } = reply;
      const edited = !sameMapping(s.mapping, s.inspection.proposal.mapping);
      const sameColumns = JSON.stringify(inspection.source.columns) === JSON.stringify(s.inspection.source.columns);
      const keep = edited && sameColumns;
      setStep({ ...s, inspection, estimate: reply.estimate, samples: reply.samples, mapping: keep ? s.mapping : inspection.proposal.mapping, preview: inspection.preview, rejectedInSample: inspection.rejectedInSample, remembered: keep ? s.remembered : null, pending: null, whole: null, counting: null });
      if (keep) void previewFor(s.mapping);
      else void countFor(inspection.proposal.mapping);
    },
    [countFor, previewFor, report, setStep],
  );

  /** Back to the proposal, and the header's remembered mapping forgotten. */
  const resetRemembered = useCallback(() => {
    const s = stepRef.current;
    if (s.kind !== "mapping") return;
    const store = storage();
    if (store) forget(s.inspection.source.columns, store);
    changeMapping(s.inspection.proposal.mapping);
  }, [changeMapping]);

  /** Imports the file in the mapping step; `replaceId` is the layer of an earlier import of the same file. */
  const confirm = useCallback(
    async (replaceId?: string) => {
      const c = client.current;
      const s = stepRef.current;
      if (!c || s.kind !== "mapping") return;
      const current = importsRef.current;
      const replacing = replaceId ? current.find((x) => x.id === replaceId) : undefined;
      const id = replacing?.id ?? nextLayerId(current);
      const existingIds = idsOnMap(replacing);
      setStep({ kind: "importing", fileName: s.fileName, estimate: s.estimate, progress: null, cancelling: false });
      const onProgress = (progress: NonNullable<Extract<Step, { kind: "importing" }>["progress"]>) =>
        setStep((st) => (st.kind === "importing" ? { ...st, progress } : st));
      // The proposal is the importer's own default: passed only when the user changed it, so the report says which.
      const mapping = sameMapping(s.mapping, s.inspection.proposal.mapping) ? undefined : s.mapping;
      const reply = await c.request({ type: "import", mapping, read: s.read, idPrefix: id, existingIds }, onProgress);
      if (client.current !== c) return;
      if (reply.type === "cancelled") report({ fileName: s.fileName, cancelled: true });
      else if (reply.type !== "imported") report({ fileName: s.fileName, error: reply.type === "failed" ? reply.error : "the import did not finish" });
      else {
        performance.mark("import:result");
        rememberChoice(s);
        const { columns } = reply;
        const hasIncidents = columns.header.count > 0;
        if (hasIncidents) {
          const stored: LoadedImport = { id, fileName: s.fileName, importedAt: new Date().toISOString(), columns: columns.buffer, report: reply.report, sha256: s.sha256, placed: await buildPlacedInSlices(columns) };
          performance.mark("import:built");
          setImports((list) => (replacing ? list.map((x) => (x.id === id ? stored : x)) : [...list, stored]));
          setVisible((v) => ({ ...v, [id]: true }));
          // On the map first; kept for the next visit meanwhile (a million incidents take IndexedDB seconds).
          saving.current.set(
            id,
            saveImport(stored)
              .then(() => void performance.mark("import:stored"))
              .catch((err: unknown) => {
                const why = err instanceof Error || err instanceof DOMException ? err.message : String(err);
                setOutcomes((list) => list.map((o) => (o.layerId === id ? { ...o, notKept: why || "the browser's storage refused it" } : o)));
              }),
          );
        }
        report({ fileName: s.fileName, report: reply.report, ...(hasIncidents ? { layerId: id } : {}), ...(replacing && hasIncidents ? { replaced: replacing.fileName } : {}) });
      }
      await nextFile();
    },
    [idsOnMap, nextFile, report, setStep],
  );

  const cancelImport = useCallback(() => {
    client.current?.cancel();
    setStep((s) => (s.kind === "importing" ? { ...s, cancelling: true } : s));
  }, [setStep]);

  /** Closes the mapping step without importing this file (Escape, Cancel). */
  const skipFile = useCallback(() => {
    if (stepRef.current.kind !== "mapping") return;
    void nextFile();
  }, [nextFile]);

  const remove = useCallback(async (id: string) => {
    await saving.current.get(id);
    await removeImport(id).catch(() => undefined);
    setImports((list) => list.filter((s) => s.id !== id));
  }, []);

  /** A one-click action of the report (swap or drop a group of flagged incidents) on the layer they came in
   *  with: the worker makes the layer's new columns (a swapped point is placed again there, not here). */
  const applyFlags = useCallback((layerId: string, ids: readonly string[], action: FlagAction) => {
    const apply = async () => {
      const before = importsRef.current.find((x) => x.id === layerId);
      if (!before) return;
      const worker = new ImportWorkerClient();
      const reply = await worker.request({ type: "flag", bytes: before.columns, ids: [...ids], action }).finally(() => worker.dispose());
      if (reply.type !== "columns") {
        report({ fileName: before.fileName, error: `the report's action could not be applied: ${reply.type === "failed" ? reply.error : reply.type}` });
        return;
      }
      const placed = await buildPlacedInSlices(reply.columns);
      if (!importsRef.current.some((x) => x.id === layerId)) return;
      const stored: LoadedImport = { ...before, columns: reply.columns.buffer, placed };
      importsRef.current = importsRef.current.map((x) => (x.id === layerId ? stored : x));
      setImports((list) => list.map((x) => (x.id === layerId ? stored : x)));
      // After the layer's earlier save, so the stored copy ends as the one on the map.
      const previous = saving.current.get(layerId) ?? Promise.resolve();
      saving.current.set(layerId, previous.then(() => saveImport(stored)).then(() => undefined, () => undefined));
    };
    const previous = flagging.current.get(layerId) ?? Promise.resolve();
    flagging.current.set(layerId, previous.then(apply));
  }, [report]);

  const toggle = useCallback((id: string, on: boolean) => setVisible((v) => ({ ...v, [id]: on })), []);

  // Each import's incidents (built once, from its columns); the visible ones together; the file each came from.
  const placedById = useMemo(() => new Map(imports.map((s) => [s.id, s.placed] as const)), [imports]);
  const placed = useMemo(() => imports.filter((s) => visible[s.id] ?? true).flatMap((s) => s.placed), [imports, visible]);
  const importedFrom = useMemo(
    () => new Map(imports.flatMap((s) => s.placed.map((p) => [p.feature.properties.event_id, s.fileName] as const))),
    [imports],
  );

  return {
    imports,
    collectionOf,
    visible,
    restored,
    busy: step.kind !== "idle",
    step,
    outcomes,
    placed,
    placedById,
    importedFrom,
    importFiles,
    changeMapping,
    changeRead: (read: ReadSourceOptions) => void changeRead(read),
    resetRemembered,
    confirm: (replaceId?: string) => void confirm(replaceId),
    cancelImport,
    skipFile,
    remove,
    applyFlags,
    toggle,
    dismiss: () => setOutcomes([]),
  };
}

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
