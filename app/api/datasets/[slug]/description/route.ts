// GET /api/datasets/<slug>/description[?key=K]: what the dataset says about itself (name, reference point,
// context layers, default view; lib/dataset/description.ts): the seeded dataset's declaration, or what a
// saved dataset's owner stored, to those who may read the dataset. Anyone else, and any slug without a
// dataset, gets the bare description, the same for every such slug, so the answer says nothing about which
// datasets exist. PUT { reference, defaultView, contextLayers } (lib/dataset/stored-description.ts) and
// DELETE: the dataset's owner or an admin sets or clears it; a declared description is not theirs to change (409).
import { createHash } from "node:crypto";
import { BARE_DESCRIPTION, type DatasetDescription } from "@/lib/dataset/description";
import { DescriptionError, EMPTY_STORED, describedBy, readStoredDescription, type StoredDescription } from "@/lib/dataset/stored-description";
import { clearStoredDescription, setStoredDescription } from "@/lib/db/dataset-descriptions";
import { getDb } from "@/lib/db/open";
import { isSlug } from "@/lib/rules/dataset";
import { ApiError, caller, handle, json, readObject } from "@/lib/server/api";
import { DESCRIPTION_BODY } from "@/lib/server/body-limits";
import { readableDataset } from "@/lib/server/dataset-access";
import { declaredDescription, savedDatasetDescription } from "@/lib/server/dataset-description";
import { findDataset, mustBeAllowed } from "@/lib/server/dataset-routes";
import { logFailure } from "@/lib/server/failure-log";
import { PUBLIC_READ_HEADERS, RESTRICTED_READ_HEADERS, etagMatches, publicProblem } from "@/lib/server/public-read";
import { viewerOf } from "@/lib/server/viewer";
import { parseDatasetParams } from "@/lib/url/dataset-params";
import { ParamError } from "@/lib/url/params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

// A saved dataset's description changes when its owner says so: asked again on each use (a 304 while unchanged).
const SAVED_PUBLIC_HEADERS = { "cache-control": "no-cache", "access-control-allow-origin": "*", "access-control-expose-headers": "ETag" };
// No dataset for this reader: not kept, so a reader who signs in or is shared it next gets its own.
const NONE_HEADERS = { "cache-control": "no-store", "access-control-allow-origin": "*" };

function answer(request: Request, description: DatasetDescription, headers: Record<string, string>): Response {
  const body = JSON.stringify(description);
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  if (etagMatches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers: { ...headers, etag } });
  return new Response(body, { headers: { ...headers, etag, "content-type": "application/json" } });
}

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const { slug } = await params;
  const declared = declaredDescription(slug);
  if (declared) return Response.json(declared, { headers: PUBLIC_READ_HEADERS });
  if (!isSlug(slug)) return Response.json(BARE_DESCRIPTION, { headers: PUBLIC_READ_HEADERS });
  let keys: string[];
  try {
    keys = parseDatasetParams(new URL(request.url).searchParams).keys;
  } catch (err) {
    if (err instanceof ParamError) return publicProblem(400, err.message, { field: err.field });
    throw err;
  }
  try {
    const db = await getDb();
    const dataset = await readableDataset(db, slug, await viewerOf(db, request), keys);
    if (!dataset) return Response.json(BARE_DESCRIPTION, { headers: NONE_HEADERS });
    return answer(request, await savedDatasetDescription(db, dataset), dataset.visibility === "public" ? SAVED_PUBLIC_HEADERS : RESTRICTED_READ_HEADERS);
  } catch (err) {
    logFailure("GET /api/datasets/<slug>/description", err);
    return publicProblem(500, "the dataset's description could not be read; see the server log");
  }
}

/** The stored description a body asks for; 400 naming the field and the value. */
function storedFrom(body: Record<string, unknown>): StoredDescription {
  try {
    return readStoredDescription(body);
  } catch (err) {
    if (err instanceof DescriptionError) throw new ApiError(400, err.message, err.field);
    throw err;
  }
}

const isEmpty = (d: StoredDescription) => d.reference === null && d.defaultView === null && d.contextLayers.length === 0;

async function change(request: Request, { params }: Params, what: string, next: (request: Request) => Promise<StoredDescription>): Promise<Response> {
  return handle(async () => {
    const c = await caller(request);
    const { dataset, access } = await findDataset(c, (await params).slug);
    mustBeAllowed(c, access.manage, what);
    if (declaredDescription(dataset.slug)) throw new ApiError(409, `${what}: ${dataset.slug}'s description is declared with the application (geodata/datasets/${dataset.slug}.json), not stored`, "slug");
    const stored = await next(request);
    if (isEmpty(stored)) await clearStoredDescription(c.db, dataset.id);
    else await setStoredDescription(c.db, dataset.id, stored);
    return json({ description: describedBy(dataset.name, stored) });
  });
}

export const PUT = (request: Request, context: Params): Promise<Response> =>
  change(request, context, "describing a dataset", async (r) => storedFrom(await readObject(r, DESCRIPTION_BODY)));

export const DELETE = (request: Request, context: Params): Promise<Response> => change(request, context, "clearing a dataset's description", async () => EMPTY_STORED);
