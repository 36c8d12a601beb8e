// Prepares a large dataset off the main thread: inflates the server's incident columns (lib/columns.ts)
// and checks them here, then hands them to the page with their numbers transferred, not copied; the page
// builds its incidents from them in one pass (buildPlaced), with no parsing and no Turf.
import { readColumns } from "@/lib/columns/read";
import type { IncidentColumns } from "@/lib/columns/format";

export type LoadRequest = { gzipped: ArrayBuffer };
export type LoadReply = { ok: true; columns: IncidentColumns; ms: { inflate: number; read: number } } | { ok: false; error: string };

self.onmessage = async (e: MessageEvent<LoadRequest>) => {
  const worker = self as unknown as Worker;
  try {
    const t0 = performance.now();
    const inflated = new Blob([e.data.gzipped]).stream().pipeThrough(new DecompressionStream("gzip"));
    const buffer = await new Response(inflated).arrayBuffer();
    const t1 = performance.now();
    const columns = readColumns(buffer);
    const reply: LoadReply = { ok: true, columns, ms: { inflate: t1 - t0, read: performance.now() - t1 } };
    worker.postMessage(reply, [buffer]);
  } catch (err) {
    const reply: LoadReply = { ok: false, error: (err as Error).message };
    worker.postMessage(reply);
  }
};
