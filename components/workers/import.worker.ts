// Reads an imported file off the main thread, so a 50 MB file never freezes the page. Place names are
// resolved by the server's geocoder (GET /api/geocode), one request per unique place.
import { importFile, type GeocodeAnswer, type ImportResult } from "@/lib/import";

export interface ImportRequest {
  file: File;
  idPrefix: string;
  existingIds: string[];
}

export type ImportReply = { ok: true; result: ImportResult } | { ok: false; error: string; field?: string };

// @option GEOCODE_CONCURRENCY: number = 4
// Geocoding requests in flight at once: quick on loopback, polite to a shared server.
const GEOCODE_CONCURRENCY = 4;

async function geocodeOne(place: string): Promise<GeocodeAnswer> {
  const res = await fetch(`/api/geocode?q=${encodeURIComponent(place)}`);
  if (!res.ok) throw new Error(`geocoder answered HTTP ${res.status} for ${JSON.stringify(place.slice(0, 80))}`);
  const fc = (await res.json()) as { status: GeocodeAnswer["status"]; features: NonNullable<GeocodeAnswer["best"]>[] };
  return { status: fc.status, best: fc.status === "resolved" ? (fc.features[0] ?? null) : null, candidates: fc.features };
}

async function geocodeBatch(places: string[]): Promise<Map<string, GeocodeAnswer>> {
  const out = new Map<string, GeocodeAnswer>();
  let next = 0;
  const work = async () => {
    while (next < places.length) {
      const place = places[next++];
      out.set(place, await geocodeOne(place));
    }
  };
  await Promise.all(Array.from({ length: GEOCODE_CONCURRENCY }, work));
  return out;
}

self.onmessage = async (e: MessageEvent<ImportRequest>) => {
  const { file, idPrefix, existingIds } = e.data;
  const post = (reply: ImportReply) => (self as unknown as Worker).postMessage(reply);
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await importFile(bytes, file.name, { idPrefix, existingIds: new Set(existingIds), geocode: geocodeBatch });
    post({ ok: true, result });
  } catch (err) {
    const e2 = err as Error & { field?: string };
    post({ ok: false, error: e2.message, field: e2.field });
  }
};
