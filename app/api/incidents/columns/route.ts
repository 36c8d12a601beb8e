// GET /api/incidents/columns: the whole dataset as gzipped incident columns (lib/columns.ts), which the
// page loads in a Web Worker when the dataset is too large to come inside the page. Not a format for
// users: they get GeoJSON from GET /api/incidents and the export button. It takes no parameters (400 for
// any), so the one cached body answers every request, and an ETag lets a returning page skip it.
import { loadIncidentColumns } from "@/lib/server/load";
import { COLUMNS_MEDIA_TYPE } from "@/lib/columns/format";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(request: Request): Response {
  const params = [...new URL(request.url).searchParams.keys()];
  if (params.length) return Response.json({ error: `${params[0]}: this route takes no parameters`, field: params[0] }, { status: 400 });
  let columns: ReturnType<typeof loadIncidentColumns>;
  try {
    columns = loadIncidentColumns();
  } catch (err) {
    console.error(err);
    return Response.json({ error: "the incidents dataset could not be loaded; see the server log" }, { status: 500 });
  }
  // no-cache: the browser asks again each visit, and gets a 304 while the dataset is unchanged.
  const headers = { etag: columns.etag, "cache-control": "no-cache", "access-control-allow-origin": "*", "access-control-expose-headers": "ETag" };
  const match = request.headers.get("if-none-match");
  if (match && match.split(",").some((t) => t.trim() === "*" || t.trim().replace(/^W\//, "") === columns.etag)) return new Response(null, { status: 304, headers });
  // The bytes are gzip already, inside the format (Next drops a route's Content-Encoding): the media type
  // is not one Next compresses again.
  return new Response(columns.body, { headers: { ...headers, "content-type": COLUMNS_MEDIA_TYPE, "content-length": String(columns.body.byteLength) } });
}
