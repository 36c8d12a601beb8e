"use client";
// The imports kept in this browser, read back for the map. Each record's columns are checked again in the
// import worker (stored data is data from outside this page's code) and come back transferred; a record that
// fails the check is left out. An import stored as GeoJSON objects, before imports were kept as columns, is
// converted there once and stored back as columns.
import { buildPlacedCounted } from "../explorer/category-counts";
import { loadImports, saveImport, type LoadedImport, type StoredImport } from "./importStore";
import { ImportWorkerClient } from "./workerClient";

export async function restoreImports(): Promise<LoadedImport[]> {
  const kept = (await loadImports()).sort((a, b) => (a.importedAt < b.importedAt ? -1 : 1));
  if (kept.length === 0) return [];
  performance.mark("restore:loaded");
  const client = new ImportWorkerClient();
  const restored: LoadedImport[] = [];
  try {
    for (const record of kept) {
      const old = "collection" in record;
      const reply = old
        ? await client.request({ type: "encode", features: Array.isArray(record.collection?.features) ? record.collection.features : [] })
        : await client.transferring({ type: "read", bytes: record.columns }, [record.columns]);
      if (reply.type !== "columns") {
        console.warn(`the import "${String(record.fileName)}" kept in this browser could not be read back: ${reply.type === "failed" ? reply.error : reply.type}`);
        continue;
      }
      const stored: StoredImport = { id: record.id, fileName: record.fileName, importedAt: record.importedAt, columns: reply.columns.buffer, report: record.report, ...(record.sha256 === undefined ? {} : { sha256: record.sha256 }) };
      if (old) await saveImport(stored).catch(() => undefined);
      performance.mark("restore:checked");
      restored.push({ ...stored, placed: await buildPlacedCounted(reply.columns) });
      performance.mark("restore:built");
    }
  } finally {
    client.dispose();
  }
  return restored;
}
