// Gzipped incident columns as the server sends them (GET /api/incidents/columns), inflated and checked.
import { readColumns } from "./read";
import type { IncidentColumns } from "./format";

/** Inflates `gzipped` and checks the columns (readColumns); timings for the page's console. */
export async function inflateColumns(gzipped: ArrayBuffer): Promise<{ columns: IncidentColumns; ms: { inflate: number; read: number } }> {
  const t0 = performance.now();
  const inflated = new Blob([gzipped]).stream().pipeThrough(new DecompressionStream("gzip"));
  const buffer = await new Response(inflated).arrayBuffer();
  const t1 = performance.now();
  const columns = readColumns(buffer);
  return { columns, ms: { inflate: t1 - t0, read: performance.now() - t1 } };
}
