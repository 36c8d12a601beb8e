// A save's body (a dataset's incidents, tens of MB) read on a thread of its own (save-worker.ts): this thread
// only passes the bytes on as they arrive and the COPY text back to the store's thread, so under 8 readers of
// whole datasets the parse, the checks and the text no longer take turns with every other request. The limits
// and the errors are body.ts's and dataset-input.ts's, run there.
import "server-only";
import { join } from "node:path";
import { StoreThread } from "../db/thread";
import type { IncidentRows } from "../db/incidents";
import { MAX_WRITE_BYTES } from "./write-limit";
import { ApiError, bodyChunks, refuseDeclaredSize } from "./body";
import { Slice } from "./slices";
import type { SaveCheck, SaveError, SaveFields, SaveRequest } from "./save-worker";

// Started by path, outside the bundler (as lib/db/postgres.ts's thread), with `server-only` let in.
const THREAD_FILE = join(/*turbopackIgnore: true*/ process.cwd(), "lib", "server", "save-thread.mjs");

// One thread for every save, started by the first and again after a failure; idle, it keeps nothing alive.
let thread: StoreThread<SaveRequest> | null = null;
let nextJob = 1;

function saveThread(): StoreThread<SaveRequest> {
  if (!thread || thread.broken) thread = new StoreThread<SaveRequest>(THREAD_FILE, null, "the save thread", ["--conditions=react-server"]);
  return thread;
}

/** The thread's answer, its ApiError an ApiError again. */
async function ask<T>(t: StoreThread<SaveRequest>, request: SaveRequest): Promise<T> {
  try {
    return await t.ask<T>(request);
  } catch (err) {
    const e = err as Error & SaveError;
    throw e.status !== undefined ? new ApiError(e.status, e.message, e.field) : err;
  }
}

/** A save's body on the save thread: its members but the collection, which stays there. */
export interface SaveBody {
  /** The body's members but `collection` (e.g. the new dataset's metadata). */
  fields: SaveFields;
  /**
   * The collection checked as dataset-input.ts's incidentCollection checks it (its ApiError otherwise), with the
   * notes on what was changed, its event_ids when `ids`, and its rows to insert (lib/db/incidents.ts insertIncidentRows).
   */
  collection(ids?: boolean): Promise<SaveCheck & { rows: IncidentRows }>;
}

/**
 * Reads the request's body as body.ts's readObject does (413 over `max` bytes, 400 when not a JSON object),
 * on the save thread, and runs `fn` with it; the thread lets the body go when `fn` ends.
 */
export async function withSaveBody<T>(request: Request, fn: (body: SaveBody) => Promise<T>, max = MAX_WRITE_BYTES): Promise<T> {
  // Refused before the thread is started for it (bodyChunks checks it again, at no cost).
  refuseDeclaredSize(request, max);
  const t = saveThread();
  const job = nextJob++;
  try {
    // The body's chunks already come in are read without a turn of the event loop between them: a 100k save's
    // were one stretch of 175 ms under load (the profile) until other requests got a turn every SLICE_MS.
    const slice = new Slice();
    for await (const value of bodyChunks(request, max)) {
      // Copied across (not moved: others may still hold the chunk), the copy made on the thread's side: a copy
      // made here is one more 64 KiB allocation per chunk on this thread, whose every 64 MB of new buffers
      // costs a full garbage collection. A view of part of a larger buffer is cut out first (a clone copies the whole buffer).
      const bytes = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength ? value : value.slice();
      t.worker.postMessage({ op: "chunk", job, bytes });
      if (slice.spent) await slice.yield();
    }
    const fields = await ask<SaveFields>(t, { op: "end", job });
    return await fn({
      fields,
      async collection(ids = false) {
        const check = await ask<SaveCheck>(t, { op: "check", job, ids });
        const text = (datasetId: number, first: number, from: number, to: number) => ask<Uint8Array<ArrayBuffer>>(t, { op: "text", job, datasetId, first, from, to });
        return { ...check, rows: { count: check.count, text } };
      },
    });
  } finally {
    if (!t.broken) t.worker.postMessage({ op: "close", job });
  }
}
