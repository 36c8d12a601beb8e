// Loads a large dataset off the main thread: fetch, parse and derive what the map needs (anchors, labels,
// distances), so the page stays responsive while 100,000 incidents arrive.
import { placeIncidents, type PlacedIncident } from "@/lib/place";
import { assertIncidentCollection } from "@/lib/validate";

export type LoadReply = { ok: true; incidents: PlacedIncident[]; ms: { fetch: number; parse: number; place: number } } | { ok: false; error: string };

self.onmessage = async (e: MessageEvent<{ url: string }>) => {
  const post = (reply: LoadReply) => (self as unknown as Worker).postMessage(reply);
  try {
    const t0 = performance.now();
    const res = await fetch(e.data.url);
    if (!res.ok) throw new Error(`${e.data.url}: HTTP ${res.status}`);
    const text = await res.text();
    const t1 = performance.now();
    // The server validated this collection when it loaded it; the check here is for what the network did.
    const collection = assertIncidentCollection(JSON.parse(text));
    const t2 = performance.now();
    const incidents = placeIncidents(collection.features);
    const t3 = performance.now();
    post({ ok: true, incidents, ms: { fetch: t1 - t0, parse: t2 - t1, place: t3 - t2 } });
  } catch (err) {
    post({ ok: false, error: (err as Error).message });
  }
};
