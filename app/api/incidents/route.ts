// GET /api/incidents?bbox=w,s,e,n&from=YYYY-MM-DD&to=…&types=…&actors=…&fatal=some|none&precision=1,2&undated=1
// The incidents the view shows for the same filter (lib/incident/filter.ts; in the bbox = marker anchor in it, as on
// the map), as the same FeatureCollection the export button makes, its `filters` member recording the
// filter. The query string is read by lib/url/filter-params.ts (400 naming the parameter); the work is in
// lib/server/incident-index.ts (built once per process); this file parses, calls it and maps errors to
// status codes. Compression is the server's: `next start` gzips for clients that send Accept-Encoding
// (next.config.js `compress`, default true, zlib level 6), streamed bodies included. A route cannot
// pre-compress: Next 16 drops a route Response's Content-Encoding header (send-response.js), so gzip
// bytes would be gzipped again.
import { createHash } from "node:crypto";
import { loadDatasetTag, loadIncidentIndex } from "@/lib/server/load";
import type { ExportBody, IncidentIndex } from "@/lib/server/incident-index";
import type { IncidentFilter } from "@/lib/incident/filter";
import { describeFilter } from "@/lib/export/describe-filter";
import { parseFilterParams } from "@/lib/url/filter-params";
import { ParamError, queryLength } from "@/lib/url/params";
import { GEOJSON_MEDIA_TYPE } from "@/lib/export/geojson";
import { DATASET_NAME } from "@/lib/incident/dataset-name";
import { turn } from "@/lib/server/turns";
import { PUBLIC_READ_HEADERS, etagMatches } from "@/lib/server/public-read";

export const runtime = "nodejs";
// The answer depends on the query string, never on a build-time snapshot.
export const dynamic = "force-dynamic";

// @option MAX_QUERY_STRING: number = 4000
// Longest query string accepted, answered 414 beyond, counted as the client meant it (names and values
// unescaped, so `,` counts 1 however it was sent): every filter fits well within it.
export const MAX_QUERY_STRING = 4000;

function problem(status: number, error: string, extra: Record<string, string> = {}): Response {
  return Response.json({ error, ...extra }, { status, headers: { "cache-control": "no-store", "access-control-allow-origin": "*" } });
}

export async function GET(request: Request): Promise<Response> {
  // New connections are accepted one per event-loop turn: a turn does PER_TURN requests' work (lib/server/turns.ts).
  await turn();
  const url = new URL(request.url);
  const length = queryLength(url.searchParams);
  if (length > MAX_QUERY_STRING) {
    return problem(414, `query string: longer than ${MAX_QUERY_STRING} characters (it has ${length})`);
  }
  let filter: IncidentFilter;
  try {
    filter = parseFilterParams(url.searchParams, { allowBbox: true });
  } catch (err) {
    if (err instanceof ParamError) return problem(400, err.message, { field: err.field });
    throw err;
  }

  let index: IncidentIndex;
  let tag: string;
  try {
    index = loadIncidentIndex();
    tag = loadDatasetTag();
  } catch (err) {
    // The dataset failed to load or validate: the details (paths, every issue) go to the server log.
    console.error(err);
    return problem(500, "the incidents dataset could not be loaded; see the server log");
  }
  const filters = describeFilter(filter);
  // The same dataset and the same filter (in canonical form) give the same bytes.
  const etag = `"${tag}-${createHash("sha256").update(JSON.stringify(filters)).digest("base64url").slice(0, 16)}"`;
  const headers = { ...PUBLIC_READ_HEADERS, etag };
  if (etagMatches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  const body = index.exportBody(index.query(filter), { name: DATASET_NAME, filters });
  return respond(body, headers);
}

function respond(body: ExportBody, extra: Record<string, string>): Response {
  // Content-Length serves direct callers; `next start` drops it (and any Content-Encoding) from a route's
  // Response and frames the body itself, chunked or gzipped.
  const headers = { ...extra, "content-type": GEOJSON_MEDIA_TYPE, "content-length": String(body.byteLength) };
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
