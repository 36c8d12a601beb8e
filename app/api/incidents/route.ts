// GET /api/incidents[?bbox=west,south,east,north]: the same FeatureCollection the export button makes,
// through the same pure function; an incident is in the bbox when its marker's anchor is (lib/place.ts).
import { loadIncidents } from "@/lib/load";
import { parseBbox, type BBox } from "@/lib/bbox";
import { markerAnchor } from "@/lib/anchor";
import { anchorInBbox } from "@/lib/place";
import { GEOJSON_MEDIA_TYPE, toExportCollection } from "@/lib/export";
import { DATASET_NAME } from "@/lib/dataset-name";

export const runtime = "nodejs";

// @option MAX_BBOX_PARAM: number = 200
// Longest bbox parameter accepted; four numbers never need more.
const MAX_BBOX_PARAM = 200;

function problem(status: number, message: string): Response {
  return Response.json({ error: message }, { status });
}

export function GET(request: Request): Response {
  const params = new URL(request.url).searchParams;
  const bboxText = params.get("bbox");
  let bbox: BBox | null = null;
  if (bboxText !== null) {
    if (bboxText.length > MAX_BBOX_PARAM) return problem(400, `bbox: longer than ${MAX_BBOX_PARAM} characters`);
    try {
      bbox = parseBbox(bboxText);
    } catch (err) {
      return problem(400, (err as Error).message);
    }
  }
  const all = loadIncidents().features;
  const features = bbox ? all.filter((f) => anchorInBbox({ anchor: markerAnchor(f.geometry) }, bbox!)) : all;
  const body = toExportCollection(features, { name: DATASET_NAME, ...(bbox ? { filters: { bbox } } : {}) });
  return new Response(JSON.stringify(body), { headers: { "content-type": GEOJSON_MEDIA_TYPE } });
}
