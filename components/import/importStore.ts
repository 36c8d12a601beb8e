"use client";
// Imported datasets kept in the browser (IndexedDB) so they survive a reload until the user removes them:
// each as its incident columns (lib/columns/format.ts), one Blob, not as objects.
import type { ImportReport } from "@/lib/import";
import type { IncidentCollection } from "@/lib/incident/model";
import type { PlacedIncident } from "@/lib/incident/place";
import { jsonBlobInSlices } from "./reportBlob";

export interface StoredImport {
  /** Also the prefix of the ids generated for it, e.g. "IMP1". */
  id: string;
  fileName: string;
  importedAt: string;
  /** The incidents as incident columns' bytes (not gzipped), read back through the import worker. */
  columns: ArrayBuffer;
  /** As read back from IndexedDB, a Blob of its JSON (./reportBlob.ts): nothing on the page reads a kept
   *  import's report, so a reload does not parse it (tens of MB for a million rows). */
  report: ImportReport | Blob;
  /** SHA-256 of the file's bytes (hex), to recognise the same file imported again; absent on older imports. */
  sha256?: string;
  /** The report's problemRows as the JSON text of them, where the worker sent them so (kept within the report). */
  problemRows?: Blob;
  /** The report's flagged rows as the JSON text of them, where the worker sent them so (kept within the report as its `flagged`). */
  flaggedRows?: Blob;
}

/** An import stored before imports were kept as columns: its incidents as GeoJSON objects (restore.ts converts it). */
export type OldStoredImport = Omit<StoredImport, "columns" | "report"> & { report: ImportReport; collection: IncidentCollection };

/** An import on the page: what is stored, and its incidents built from the columns for the map. */
export type LoadedImport = StoredImport & { placed: readonly PlacedIncident[] };

// @option DB_NAME: string = "daraa-incident-map", STORE: string = "imports"
const DB_NAME = "daraa-incident-map";
const STORE = "imports";

/**
 * Whether this browser may keep imports: false only when its database surely does not exist, asked without
 * opening it (which would make it), so a browser that never imported loads no import code at all.
 */
export async function mayHoldImports(): Promise<boolean> {
  if (typeof indexedDB === "undefined" || typeof indexedDB.databases !== "function") return true;
  try {
    return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
  } catch {
    return true;
  }
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "id" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(mode: IDBTransactionMode, body: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = body(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/**
 * What IndexedDB holds: the columns as a Blob, which it keeps apart from the record. A record's own value is
 * capped (about 127 MB in Chromium: "The serialized keys and/or value are too large"), and a million
 * incidents' columns are more. Imports kept before this hold an ArrayBuffer. The report as a Blob of its JSON
 * (./reportBlob.ts), which IndexedDB stores without cloning it on the page's thread; earlier, as an object.
 */
type KeptImport = Omit<StoredImport, "columns"> & { columns: Blob | ArrayBuffer };

export async function loadImports(): Promise<(StoredImport | OldStoredImport)[]> {
  const kept = await run("readonly", (s) => s.getAll() as IDBRequest<(KeptImport | OldStoredImport)[]>);
  return Promise.all(kept.map(async (r) => ("columns" in r && r.columns instanceof Blob ? { ...r, columns: await r.columns.arrayBuffer() } : (r as StoredImport | OldStoredImport))));
}
/** Stores the record's own fields only: a LoadedImport's built incidents stay on the page. `blob`: the columns'
 *  bytes already as a Blob (the import worker makes one, so this thread copies nothing). */
export async function saveImport({ id, fileName, importedAt, columns, report, sha256, problemRows, flaggedRows }: StoredImport, blob: Blob = new Blob([columns])): Promise<IDBValidKey> {
  const reportBlob = report instanceof Blob ? report : await jsonBlobInSlices({ ...report, ...(flaggedRows ? { flagged: flaggedRows } : {}), ...(problemRows ? { problemRows } : {}) });
  return run("readwrite", (s) => s.put({ id, fileName, importedAt, columns: blob, report: reportBlob, ...(sha256 === undefined ? {} : { sha256 }) } satisfies KeptImport));
}
export const removeImport = (id: string): Promise<undefined> => run("readwrite", (s) => s.delete(id) as IDBRequest<undefined>);
