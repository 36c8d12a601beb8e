"use client";
// Imported datasets kept in the browser (IndexedDB) so they survive a reload until the user removes them.
import type { ImportReport } from "@/lib/import";
import type { IncidentCollection } from "@/lib/incident/model";

export interface StoredImport {
  /** Also the prefix of the ids generated for it, e.g. "IMP1". */
  id: string;
  fileName: string;
  importedAt: string;
  collection: IncidentCollection;
  report: ImportReport;
  /** SHA-256 of the file's bytes (hex), to recognise the same file imported again; absent on older imports. */
  sha256?: string;
}

// @option DB_NAME: string = "daraa-incident-map", STORE: string = "imports"
const DB_NAME = "daraa-incident-map";
const STORE = "imports";

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

export const loadImports = (): Promise<StoredImport[]> => run("readonly", (s) => s.getAll() as IDBRequest<StoredImport[]>);
export const saveImport = (item: StoredImport): Promise<IDBValidKey> => run("readwrite", (s) => s.put(item));
export const removeImport = (id: string): Promise<undefined> => run("readwrite", (s) => s.delete(id) as IDBRequest<undefined>);
