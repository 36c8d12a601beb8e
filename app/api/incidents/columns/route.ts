// GET /api/incidents/columns?dataset=slug[&key=…]: one whole dataset (default daraa-2021) as gzipped
// incident columns (lib/columns/), how the page loads each of its datasets, in a Web Worker when large. Not
// a format for users: they get GeoJSON from GET /api/incidents and the export button. It takes `dataset`
// and `key` only (400 for any other), so one cached body per dataset version answers every request
// (lib/server/dataset-columns.ts), and an ETag lets a returning page skip it.
import { COLUMNS_MEDIA_TYPE } from "@/lib/columns/format";
import { parseDatasetParams, type DatasetSelection } from "@/lib/url/dataset-params";
import { ParamError } from "@/lib/url/params";
import { datasetSource } from "@/lib/server/dataset-source";
import { datasetColumns, type Columns } from "@/lib/server/dataset-columns";
import { etagMatches, publicProblem } from "@/lib/server/public-read";
import { logFailure } from "@/lib/server/failure-log";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const KNOWN = new Set(["dataset", "key"]);

const problem = (status: number, error: string, field?: string) => publicProblem(status, error, field ? { field } : {});

export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const unknown = [...params.keys()].find((k) => !KNOWN.has(k));
  if (unknown !== undefined) return problem(400, `${unknown}: this route takes only dataset and key`, unknown);
  let selection: DatasetSelection;
  try {
    selection = parseDatasetParams(params, { single: true });
  } catch (err) {
    if (err instanceof ParamError) return problem(400, err.message, err.field);
    throw err;
  }
  let columns: Columns;
  let restricted: boolean;
  let name: string;
  try {
    const source = await datasetSource(selection, request);
    if (source.kind === "none") return problem(404, `dataset: no dataset ${JSON.stringify(source.slug)} (or it is not shared with you)`, "dataset");
    columns = await datasetColumns(source.db, source.dataset);
    restricted = !source.public;
    name = source.dataset.name;
  } catch (err) {
    logFailure("GET /api/incidents/columns", err);
    return problem(500, "the incidents dataset could not be loaded; see the server log");
  }
  // no-cache: the browser asks again each visit, and gets a 304 while the dataset is unchanged.
  const headers: Record<string, string> = {
    etag: columns.etag,
    "cache-control": restricted ? "private, no-cache" : "no-cache",
    "access-control-allow-origin": "*",
    "access-control-expose-headers": "ETag, X-Dataset-Name",
    ...(restricted ? { vary: "Cookie" } : {}),
    // The page's layer names this dataset; percent-encoded, as a header holds ASCII only.
    "x-dataset-name": encodeURIComponent(name),
  };
  if (etagMatches(request.headers.get("if-none-match"), columns.etag)) return new Response(null, { status: 304, headers });
  // The bytes are gzip already, inside the format (Next drops a route's Content-Encoding): the media type
  // is not one Next compresses again.
  return new Response(columns.body, { headers: { ...headers, "content-type": COLUMNS_MEDIA_TYPE, "content-length": String(columns.body.byteLength) } });
}
