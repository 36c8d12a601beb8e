import "server-only";
// The server's end of a store's worker thread, the same for both engines (embedded-thread.mjs runs PGlite,
// postgres-thread.mjs the `pg` pool): the server's thread only posts statements and awaits their answers,
// so parsing rows, the COPY protocol and the engine's own work never stall the other requests.
import { Worker } from "node:worker_threads";
import type { CopiedFields } from "./copy-fields.mjs";
import type { Fields, Queryable, QueryResult } from "./types";

/** What the server asks a store's thread; `tx` names a transaction or a held connection from begin/hold. */
export type ThreadRequest =
  | { op: "ready" | "close" }
  | { op: "query"; text: string; params?: readonly unknown[]; tx?: number }
  | { op: "copy"; table: string; columns: readonly string[]; rows: string | Uint8Array<ArrayBuffer>; tx?: number }
  | { op: "copyOut"; select: string; bounded?: boolean }
  | { op: "copyFields"; select: string; leadingComma: boolean }
  | { op: "exec"; text: string; tx?: number }
  | { op: "begin" | "hold" }
  | { op: "end"; tx: number; commit: boolean };
/** An error as it crossed: its message, and its other text fields (PostgreSQL's code, detail, context…). */
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: { message: string } & Record<string, string> };

/** A store's thread and its open requests: each request is answered once, by id. */
export class StoreThread<Request extends { op: string } = ThreadRequest> {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private failed: Error | null = null;
  readonly worker: Worker;

  /** `file`: the thread's module; `name`: the store as its failure names it; `execArgv`: the thread's Node options (else the process's). */
  constructor(file: string, workerData: unknown, name: string, execArgv?: string[]) {
    this.worker = new Worker(file, { workerData, execArgv });
    this.worker.on("message", (m: Reply) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) this.worker.unref();
      if (m.ok) w.resolve(m.result);
      else {
        const { message, ...fields } = m.error;
        w.reject(Object.assign(new Error(message), fields));
      }
    });
    const fail = (err: Error) => {
      this.failed = err;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => fail(new Error(`${name}'s thread stopped (exit code ${code})`)));
  }

  /** `moved`: buffers handed over with the request, not copied (they are unusable here afterwards). */
  /** Whether the thread has stopped or failed (every request is refused). */
  get broken(): boolean {
    return this.failed !== null;
  }

  ask<T>(request: Request, moved: ArrayBuffer[] = []): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      // An open request keeps the process alive, as a socket to PostgreSQL would; an idle thread does not.
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, ...request }, moved);
    });
  }
}

/** Statements through the thread, inside transaction `tx` when given. */
export function threadQueryable(thread: StoreThread, tx?: number): Queryable {
  return {
    query<R>(text: string, params?: readonly unknown[]) {
      return thread.ask<QueryResult<R>>({ op: "query", text, params: params ? [...params] : undefined, tx });
    },
    copyIn(table, columns, rows) {
      // A save's batch is ~10 MB: cloning it as a string was 30–50 ms of the server's thread per batch.
      return thread.ask<number>({ op: "copy", table, columns: [...columns], rows, tx }, typeof rows === "string" ? [] : [rows.buffer]);
    },
  };
}

/** A COPY's bytes, whole: the thread sends them as one moved buffer. */
export async function* threadCopyOut(thread: StoreThread, select: string, bounded = false): AsyncGenerator<Uint8Array> {
  yield new Uint8Array(await thread.ask<ArrayBuffer>({ op: "copyOut", select, bounded }));
}

/** A one-column COPY's fields, stripped of COPY's framing on the store's thread (copy-fields.mjs). */
export async function threadCopyFields(thread: StoreThread, select: string, leadingComma: boolean): Promise<Fields> {
  const { buffer, length, rows } = await thread.ask<CopiedFields>({ op: "copyFields", select, leadingComma });
  return { bytes: new Uint8Array(buffer, 0, length), rows };
}

/** Runs `fn` in a transaction the thread opened: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(thread: StoreThread, fn: (tx: number) => Promise<T>): Promise<T> {
  const tx = await thread.ask<number>({ op: "begin" });
  let result: T;
  try {
    result = await fn(tx);
  } catch (err) {
    await thread.ask({ op: "end", tx, commit: false }).catch(() => {});
    throw err;
  }
  await thread.ask({ op: "end", tx, commit: true });
  return result;
}
