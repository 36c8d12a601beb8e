// Reads a CSV file's records for the import worker, which maps them meanwhile (lib/import/source/packed.ts):
// decoding and parsing, about a third of an import's reading, on a core of their own. Started by the import
// worker with the file (a Blob: no copy of its bytes passes through the import worker) and the same read
// options its own Source was read with; answers with packed batches, then `done`, or the error that stopped it.
import { readSource } from "@/lib/import/source";
import { errorMessage, packable, packBatch, type PackedMessage } from "@/lib/import/source/packed";
import type { ReadSourceOptions } from "@/lib/import/source/types";

export interface ReadRequest {
  file: Blob;
  name: string;
  read?: ReadSourceOptions;
}

const post = (m: PackedMessage, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

self.onmessage = async (e: MessageEvent<ReadRequest>) => {
  try {
    const { file, name, read } = e.data;
    const source = readSource(new Uint8Array(await file.arrayBuffer()), name, read);
    if (!packable(source)) throw new Error(`the reading worker reads CSV only, not ${source.format}`);
    for (const batch of source.batches()) {
      const packed = packBatch(batch, source.columns.length);
      post({ batch: packed }, [packed.rows.buffer, packed.lines.buffer]);
    }
    post({ done: true });
  } catch (err) {
    post(errorMessage(err));
  }
};
