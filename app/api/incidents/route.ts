// GET /api/incidents?bbox=w,s,e,n&from=YYYY-MM-DD&to=…&types=…&actors=…&fatal=some|none&precision=1,2&undated=1
// The incidents the view shows for the same filter (lib/incident/filter.ts; in the bbox = marker anchor in it, as on
// the map), as the same FeatureCollection the export button makes, its `filters` member recording the
// filter. The work is in lib/server/incident-index.ts (built once per process); this file parses, calls it and
// maps errors to status codes. Compression is the server's: `next start` gzips for clients that send
// Accept-Encoding (next.config.js `compress`, default true, zlib level 6), streamed bodies included. A
// route cannot pre-compress: Next 16 drops a route Response's Content-Encoding header (send-response.js),
// so gzip bytes would be gzipped again.
import { loadIncidentIndex } from "@/lib/server/load";
import type { ExportBody, IncidentIndex } from "@/lib/server/incident-index";
import { describeFilter, FilterParamError, parseFilterParams, type IncidentFilter } from "@/lib/incident/filter";
import { GEOJSON_MEDIA_TYPE } from "@/lib/export/geojson";
import { DATASET_NAME } from "@/lib/incident/dataset-name";
import { turn } from "@/lib/server/turns";

export const runtime = "nodejs";
// The answer depends on the query string, never on a build-time snapshot.
export const dynamic = "force-dynamic";

// @option MAX_QUERY_STRING: number = 4000
// Longest query string accepted (characters after "?"), answered 414 beyond: every filter fits well
// within it, and nothing longer is split or decoded.
export const MAX_QUERY_STRING = 4000;

function problem(status: number, error: string, extra: Record<string, string> = {}): Response {
  return Response.json({ error, ...extra }, { status });
}

export async function GET(request: Request): Promise<Response> {
  // New connections are accepted one per event-loop turn: a turn does PER_TURN requests' work (lib/server/turns.ts).
  await turn();
  const url = new URL(request.url);
  const query = url.search.slice(1);
  if (query.length > MAX_QUERY_STRING) {
    return problem(414, `query string: longer than ${MAX_QUERY_STRING} characters (value has ${query.length})`);
  }
  let filter: IncidentFilter;
  try {
    filter = parseFilterParams(url.searchParams, { allowBbox: true });
  } catch (err) {
    if (err instanceof FilterParamError) return problem(400, err.message, { field: err.field });
    throw err;
  }

  let index: IncidentIndex;
  try {
    index = loadIncidentIndex();
  } catch (err) {
    // The dataset failed to load or validate: the details (paths, every issue) go to the server log.
    console.error(err);
    return problem(500, "the incidents dataset could not be loaded; see the server log");
  }
  const body = index.exportBody(index.query(filter), { name: DATASET_NAME, filters: describeFilter(filter) });
  return respond(body);
}

function respond(body: ExportBody): Response {
  // Content-Length serves direct callers; `next start` drops it (and any Content-Encoding) from a route's
  // Response and frames the body itself, chunked or gzipped.
  const headers = { "content-type": GEOJSON_MEDIA_TYPE, "content-length": String(body.byteLength) };
  const chunks = body.chunks();
  const first = chunks.next();
  const second = first.done ? first : chunks.next();
  // Most answers (a map view, ~100 KB at 1M incidents) are one chunk: sent whole.
  if (second.done) return new Response(first.done ? new Uint8Array(0) : first.value, { headers });
  // Bigger ones stream, a chunk at a time as the client reads, so a whole-dataset answer (over 500 MB
  // at 1M incidents) never sits in memory at once.
  const pending = [first.value, second.value];
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pending.shift() ?? chunks.next().value;
      if (next === undefined) controller.close();
      else controller.enqueue(next);
    },
  });
  return new Response(stream, { headers });
}
