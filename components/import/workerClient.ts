// The page's side of the import worker (components/import/import.worker.ts): one worker per file, each
// request answered by the reply carrying its `seq`; progress goes to the caller's callback on the way.
import type { ImportProgress } from "@/lib/import";
import { HeaderParts } from "@/lib/columns/parts";
import type { ImportReply, ImportRequest } from "./import.worker";

type Pending = { resolve: (r: ImportReply) => void; onProgress?: (p: ImportProgress) => void; onCounting?: (fraction: number) => void; parts?: HeaderParts };
type Request = Exclude<ImportRequest, { type: "cancel" }>;
export type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, "seq"> : never) : never;

export class ImportWorkerClient {
  private readonly worker: Worker;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private disposed = false;

  constructor() {
    this.worker = new Worker(new URL("./import.worker.ts", import.meta.url));
    this.worker.onmessage = (e: MessageEvent<ImportReply>) => {
      const reply = e.data;
      const waiting = this.pending.get(reply.seq);
      if (!waiting) return;
      if (reply.type === "progress") {
        waiting.onProgress?.(reply);
        return;
      }
      if (reply.type === "counting") {
        waiting.onCounting?.(reply.fraction);
        return;
      }
      if (reply.type === "part") {
        (waiting.parts ??= new HeaderParts()).add(reply.part);
        return;
      }
      this.pending.delete(reply.seq);
      // A reply with columns came with its header's long lists in parts ahead of it.
      if ("columns" in reply) waiting.resolve({ ...reply, columns: { ...reply.columns, header: (waiting.parts ?? new HeaderParts()).fill(reply.columns.header) } });
      else waiting.resolve(reply);
    };
    this.worker.onerror = (e) => this.failAll(e.message || "the import worker failed");
  }

  /** Sends a request; the promise settles with its final reply (never rejects: failures are replies). Progress
   *  goes to `onProgress` (an import) or `onCounting` (a whole-file count) on the way. */
  request(body: RequestBody, onProgress?: (p: ImportProgress) => void, onCounting?: (fraction: number) => void): Promise<ImportReply> {
    return this.send(body, [], { onProgress, onCounting });
  }

  /** A request whose `transfer` (stored columns' bytes) moves to the worker instead of being copied. */
  transferring(body: RequestBody, transfer: Transferable[]): Promise<ImportReply> {
    return this.send(body, transfer, {});
  }

  private send(body: RequestBody, transfer: Transferable[], on: Omit<Pending, "resolve">): Promise<ImportReply> {
    const seq = ++this.seq;
    if (this.disposed) return Promise.resolve({ type: "failed", seq, error: "the import was closed" });
    return new Promise((resolve) => {
      this.pending.set(seq, { resolve, ...on });
      this.worker.postMessage({ ...body, seq } as ImportRequest, transfer);
    });
  }

  /** Stops a running import between two batches; its request then answers `cancelled`. */
  cancel(): void {
    this.worker.postMessage({ type: "cancel" } satisfies ImportRequest);
  }

  dispose(): void {
    this.disposed = true;
    this.worker.terminate();
    this.failAll("the import was closed");
  }

  private failAll(error: string): void {
    for (const [seq, p] of this.pending) p.resolve({ type: "failed", seq, error });
    this.pending.clear();
  }
}
