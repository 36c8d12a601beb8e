"use client";
// The user's own incidents: read in a Web Worker, kept in IndexedDB, each file its own layer. A refused
// file, or one with no usable row, changes nothing: the dataset and earlier imports stay as they were.
import { useCallback, useEffect, useMemo, useState } from "react";
import { placeIncidents } from "@/lib/incident/place";
import { checkFileSize } from "@/lib/import/size";
import type { ImportReport } from "@/lib/import";
import { incidentIssues } from "@/lib/incident/validate";
import { loadImports, removeImport, saveImport, type StoredImport } from "./importStore";
import type { ImportReply, ImportRequest } from "./workers/import.worker";

export interface ImportOutcome {
  fileName: string;
  report?: ImportReport;
  /** The whole file was refused: why, naming the field and value. */
  error?: string;
  /** The import it became (absent when nothing was kept). */
  importId?: string;
}

function runWorker(req: ImportRequest): Promise<ImportReply> {
  return new Promise((resolve) => {
    const w = new Worker(new URL("./workers/import.worker.ts", import.meta.url));
    w.onmessage = (e: MessageEvent<ImportReply>) => {
      w.terminate();
      resolve(e.data);
    };
    w.onerror = (e) => {
      w.terminate();
      resolve({ ok: false, error: e.message || "the import worker failed" });
    };
    w.postMessage(req);
  });
}

export function useImports(datasetIds: ReadonlySet<string>) {
  const [imports, setImports] = useState<StoredImport[]>([]);
  const [visible, setVisible] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<ImportOutcome[]>([]);

  useEffect(() => {
    loadImports()
      .then((stored) => {
        // What comes back from storage is checked again: it is data from outside this page's code.
        const good = stored.filter((s) => incidentIssues(s.collection).length === 0).sort((a, b) => (a.importedAt < b.importedAt ? -1 : 1));
        setImports(good);
        setVisible(Object.fromEntries(good.map((s) => [s.id, true])));
      })
      .catch(() => undefined);
  }, []);

  const importFiles = useCallback(
    async (files: readonly File[]) => {
      setBusy(true);
      const results: ImportOutcome[] = [];
      let current = imports;
      for (const file of files) {
        try {
          checkFileSize(file.size);
        } catch (err) {
          results.push({ fileName: file.name, error: (err as Error).message });
          continue;
        }
        const taken = new Set(current.map((s) => Number(s.id.replace(/^IMP/, ""))));
        let n = 1;
        while (taken.has(n)) n++;
        const id = `IMP${n}`;
        const existingIds = [...datasetIds, ...current.flatMap((s) => s.collection.features.map((f) => f.properties.event_id))];
        const reply = await runWorker({ file, idPrefix: id, existingIds });
        if (!reply.ok) {
          results.push({ fileName: file.name, error: reply.error });
          continue;
        }
        const kept = reply.result.collection.features.length > 0;
        results.push({ fileName: file.name, report: reply.result.report, ...(kept ? { importId: id } : {}) });
        if (!kept) continue;
        const stored: StoredImport = { id, fileName: file.name, importedAt: new Date().toISOString(), collection: reply.result.collection, report: reply.result.report };
        await saveImport(stored).catch(() => undefined);
        current = [...current, stored];
      }
      setImports(current);
      setVisible((v) => ({ ...Object.fromEntries(current.map((s) => [s.id, true])), ...v }));
      setOutcomes(results);
      setBusy(false);
    },
    [imports, datasetIds],
  );

  const remove = useCallback(async (id: string) => {
    await removeImport(id).catch(() => undefined);
    setImports((list) => list.filter((s) => s.id !== id));
  }, []);

  const toggle = useCallback((id: string, on: boolean) => setVisible((v) => ({ ...v, [id]: on })), []);

  // The visible imports' incidents, placed for the map, and the file each incident came from.
  const placed = useMemo(() => imports.filter((s) => visible[s.id] ?? true).flatMap((s) => placeIncidents(s.collection.features)), [imports, visible]);
  const importedFrom = useMemo(
    () => new Map(imports.flatMap((s) => s.collection.features.map((f) => [f.properties.event_id, s.fileName] as const))),
    [imports],
  );

  return { imports, visible, busy, outcomes, placed, importedFrom, importFiles, remove, toggle, dismiss: () => setOutcomes([]) };
}
