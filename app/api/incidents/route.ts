// GET /api/incidents?dataset=slug&key=…&bbox=w,s,e,n&from=YYYY-MM-DD&to=…&types=…&actors=…&fatal=some|none&precision=1,2&undated=1
// The incidents of one dataset (default daraa-2021) that the view shows for the same filter
// (lib/incident/filter.ts; in the bbox = marker anchor in it, as on the map), as the same FeatureCollection
// the export button makes, its `filters` member recording the filter. The query string is read by
// lib/url/filter-params.ts and lib/url/dataset-params.ts (400 naming the parameter); a dataset that does
// not exist or that this reader may not read is 404 alike. The work is in lib/server/incident-query.ts
// (the store's SQL, lib/db/incident-reads.ts, then the exact rules); this file parses, calls it and maps
// errors to status codes. Compression is the server's:
// `next start` gzips for clients that send Accept-Encoding (next.config.js `compress`), streamed bodies
// included. A route cannot pre-compress: Next 16 drops a route Response's Content-Encoding header.
import { createHash } from "node:crypto";
import type { IncidentFilter } from "@/lib/incident/filter";
import { describeFilter } from "@/lib/export/describe-filter";
import { parseFilterParams } from "@/lib/url/filter-params";
import { parseDatasetParams, type DatasetSelection } from "@/lib/url/dataset-params";
import { ParamError, queryLength } from "@/lib/url/params";
import { GEOJSON_MEDIA_TYPE } from "@/lib/export/geojson";
import { turn } from "@/lib/server/turns";
import { PUBLIC_READ_HEADERS, RESTRICTED_READ_HEADERS, etagMatches, publicProblem } from "@/lib/server/public-read";
import { datasetSource, type DatasetSource } from "@/lib/server/dataset-source";
import { queryIncidents, type StreamedBody } from "@/lib/server/incident-query";
import { logFailure } from "@/lib/server/failure-log";

export const runtime = "nodejs";
// The answer depends on the query string, never on a build-time snapshot.
export const dynamic = "force-dynamic";

// @option MAX_QUERY_STRING: number = 4000
// Longest query string accepted, answered 414 beyond, counted as the client meant it (names and values
// unescaped, so `,` counts 1 however it was sent): every filter fits well within it.
export const MAX_QUERY_STRING = 4000;

export async function GET(request: Request): Promise<Response> {
  // New connections are accepted one per event-loop turn: a turn does PER_TURN requests' work (lib/server/turns.ts).
  await turn();
  const url = new URL(request.url);
  const length = queryLength(url.searchParams);
  if (length > MAX_QUERY_STRING) {
    return publicProblem(414, `query string: longer than ${MAX_QUERY_STRING} characters (it has ${length})`);
  }
  let filter: IncidentFilter;
  let selection: DatasetSelection;
  try {
    filter = parseFilterParams(url.searchParams, { allowBbox: true });
    selection = parseDatasetParams(url.searchParams, { single: true });
  } catch (err) {
    if (err instanceof ParamError) return publicProblem(400, err.message, { field: err.field });
    throw err;
  }
  const filters = describeFilter(filter);
  const filterTag = createHash("sha256").update(JSON.stringify(filters)).digest("base64url").slice(0, 16);

  let source: DatasetSource;
  try {
    source = await datasetSource(selection, request);
  } catch (err) {
    // The store is unreachable or failed: the details go to the server log.
    logFailure("GET /api/incidents: loading the dataset", err);
    return publicProblem(500, "the incidents dataset could not be loaded; see the server log");
  }
  if (source.kind === "none") return publicProblem(404, `dataset: no dataset ${JSON.stringify(source.slug)} (or it is not shared with you)`, { field: "dataset" });
  const { db, dataset } = source;
  // The same dataset version and the same filter (in canonical form) give the same bytes.
  const etag = `"${dataset.tag}-${filterTag}"`;
  const headers = { ...(source.public ? PUBLIC_READ_HEADERS : RESTRICTED_READ_HEADERS), etag };
  if (etagMatches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  try {
    return await respond(await queryIncidents(db, dataset.id, filter, { name: dataset.name, filters }), headers);
  } catch (err) {
    logFailure("GET /api/incidents: reading the incidents", err);
    return publicProblem(500, "the incidents could not be read; see the server log");
  }
}

async function respond(body: StreamedBody, extra: Record<string, string>): Promise<Response> {
  // Content-Length serves direct callers; `next start` drops it (and any Content-Encoding) from a route's
  // Response and frames the body itself, chunked or gzipped.
  const headers = { ...extra, "content-type": GEOJSON_MEDIA_TYPE, "content-length": String(body.byteLength) };
  const chunks = body.chunks();
  const first = await chunks.next();
  const second = first.done ? first : await chunks.next();
  // Most answers (a map view, ~100 KB at 1M incidents) are one chunk: sent whole.
  if (second.done) return new Response(first.done ? new Uint8Array(0) : first.value, { headers });
  // Bigger ones stream, a chunk at a time as the client reads, so a whole-dataset answer (over 500 MB
  // at 1M incidents) never sits in memory at once.
  const pending = [first.value, second.value];
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Each page waits its turn as a new request does: 8 whole-dataset reads otherwise did 8 pages' work in
      // one event-loop turn, and every other request waited behind it.
      await turn();
      const next = pending.shift() ?? (await chunks.next()).value;
      if (next === undefined) controller.close();
      else controller.enqueue(next);
    },
    // The client went away: the read under way ends and frees its connection.
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(stream, { headers });
}
