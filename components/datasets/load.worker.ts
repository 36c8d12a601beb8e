// Prepares a large dataset off the main thread: inflates and checks the server's incident columns, then
// hands them to the page with their numbers transferred, not copied; the page builds its incidents from
// them in one pass (buildPlaced), with no parsing and no Turf.
import { inflateColumns } from "@/lib/columns/inflate";
import type { IncidentColumns } from "@/lib/columns/format";

export type LoadRequest = { gzipped: ArrayBuffer };
export type LoadReply = { ok: true; columns: IncidentColumns; ms: { inflate: number; read: number } } | { ok: false; error: string };

self.onmessage = async (e: MessageEvent<LoadRequest>) => {
  const worker = self as unknown as Worker;
  try {
    const { columns, ms } = await inflateColumns(e.data.gzipped);
    const reply: LoadReply = { ok: true, columns, ms };
    worker.postMessage(reply, [columns.buffer]);
  } catch (err) {
    const reply: LoadReply = { ok: false, error: (err as Error).message };
    worker.postMessage(reply);
  }
};
