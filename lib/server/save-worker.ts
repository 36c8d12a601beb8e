// A save's body on a thread of its own (started by save-thread.mjs, asked by save-body.ts): its JSON parsed as
// it arrives, its collection checked, and its rows' COPY text written, with the routes' own code (body.ts,
// dataset-input.ts, lib/db/incidents.ts), so the answers and the errors are theirs. Under 8 whole-dataset
// readers these were two thirds of the server's thread's work during a 100k save (issue 24).
import "server-only";
import { parentPort } from "node:worker_threads";
import { JsonPieces } from "./json-pieces";
import { ApiError, bodyObject, bodyValue } from "./body";
import { incidentCollection, type AcceptedCollection } from "./dataset-input";
import { batchText } from "../db/incidents";

/** What save-body.ts sends; `id` when it waits for an answer. */
export type SaveRequest =
  | { op: "chunk"; job: number; bytes: Uint8Array }
  | { op: "end"; job: number }
  | { op: "check"; job: number; ids: boolean }
  | { op: "text"; job: number; datasetId: number; first: number; from: number; to: number }
  | { op: "close"; job: number };

/** The body's members but `collection` (which stays here). */
export type SaveFields = Record<string, unknown>;
/** The collection as accepted: how many incidents, the notes on what was changed, their event_ids when asked. */
export interface SaveCheck {
  count: number;
  notes: string[];
  ids?: string[];
}
/** An error as it crosses: an ApiError's status and field with its message. */
export interface SaveError {
  message: string;
  status?: number;
  field?: string;
}

interface Job {
  json: JsonPieces | null;
  body: Record<string, unknown> | null;
  accepted: AcceptedCollection | null;
}

const jobs = new Map<number, Job>();

function jobOf(id: number): Job {
  const job = jobs.get(id);
  if (!job) throw new Error(`save ${id} is not open`);
  return job;
}

async function work(m: SaveRequest): Promise<unknown> {
  switch (m.op) {
    case "end": {
      // An empty body sent no chunk.
      if (!jobs.has(m.job)) jobs.set(m.job, { json: new JsonPieces(), body: null, accepted: null });
      const job = jobOf(m.job);
      const json = job.json!;
      job.json = null;
      const { collection, ...fields } = bodyObject(bodyValue(json));
      job.body = { collection };
      return fields;
    }
    case "check": {
      const job = jobOf(m.job);
      job.accepted = await incidentCollection(job.body!);
      job.body = null;
      const { features } = job.accepted.collection;
      return { count: features.length, notes: job.accepted.notes, ...(m.ids ? { ids: features.map((f) => f.properties.event_id) } : {}) } satisfies SaveCheck;
    }
    case "text":
      return batchText(m.datasetId, m.first, jobOf(m.job).accepted!.collection.features, m.from, m.to);
    default:
      throw new Error(`unknown operation ${m.op}`);
  }
}

const errorOf = (err: unknown): SaveError =>
  err instanceof ApiError ? { message: err.message, status: err.status, field: err.field } : { message: err instanceof Error ? err.message : String(err) };

parentPort!.on("message", (m: SaveRequest & { id?: number }) => {
  if (m.op === "chunk") {
    let job = jobs.get(m.job);
    if (!job) jobs.set(m.job, (job = { json: new JsonPieces(), body: null, accepted: null }));
    job.json?.push(m.bytes);
    return;
  }
  if (m.op === "close") return void jobs.delete(m.job);
  Promise.resolve(m)
    .then(work)
    .then(
      (result) => parentPort!.postMessage({ id: m.id, ok: true, result }, result instanceof Uint8Array ? [result.buffer as ArrayBuffer] : []),
      (err: unknown) => parentPort!.postMessage({ id: m.id, ok: false, error: errorOf(err) }),
    );
});
