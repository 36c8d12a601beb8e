// Builds a large cluster index off the main thread (supercluster's `load` takes seconds at a million
// incidents) and hands it back packed, its arrays transferred, not copied (lib/display/cluster.ts).
import { buildClusterIndexOf, packClusterIndex, type ClusterInput, type PackedClusterIndex } from "@/lib/display/cluster";

export type ClusterRequest = { seq: number; input: ClusterInput };
export type ClusterReply = { seq: number; packed: PackedClusterIndex } | { seq: number; error: string };

self.onmessage = (e: MessageEvent<ClusterRequest>) => {
  const worker = self as unknown as Worker;
  const { seq, input } = e.data;
  try {
    const { packed, transfer } = packClusterIndex(buildClusterIndexOf(input), input);
    worker.postMessage({ seq, packed } satisfies ClusterReply, transfer);
  } catch (err) {
    worker.postMessage({ seq, error: (err as Error).message } satisfies ClusterReply);
  }
};
