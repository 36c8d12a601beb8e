// Hotspot clustering off the main thread: DBSCAN over the incidents' anchors, so moving the radius
// slider never freezes the map, whatever the dataset's size.
import { hotspots, type HotspotOptions, type HotspotResult } from "@/lib/analysis/hotspots";
import type { IncidentFeature } from "@/lib/incident/model";

export interface HotspotRequest {
  seq: number;
  incidents: IncidentFeature[];
  options: HotspotOptions;
}

export type HotspotReply = { seq: number; result: HotspotResult } | { seq: number; error: string };

self.onmessage = (e: MessageEvent<HotspotRequest>) => {
  const { seq, incidents, options } = e.data;
  try {
    (self as unknown as Worker).postMessage({ seq, result: hotspots(incidents, options) } satisfies HotspotReply);
  } catch (err) {
    (self as unknown as Worker).postMessage({ seq, error: (err as Error).message } satisfies HotspotReply);
  }
};
