// POST /api/datasets/SLUG/links: makes an "anyone with the link" key (144 random bits; only its hash is
// kept, so this answer is the one time it is seen) and answers the link `/?dataset=SLUG&key=KEY`; 409 unless
// the dataset is "link" now. Any change of visibility revokes every key. DELETE [{ key }]: revokes that key,
// or every live one. Both: the owner or an admin.
import { TINY_BODY } from "@/lib/server/body-limits";
import { datasetQuery } from "@/lib/url/dataset-params";
import { ApiError, caller, handle, json, readJsonBody } from "@/lib/server/api";
import { createLinkKey, revokeLinkKeys } from "@/lib/auth/access";
import { findDataset, mustBeAllowed } from "@/lib/server/dataset-routes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export function POST(request: Request, { params }: Params): Promise<Response> {
  return handle(async () => {
    const c = await caller(request);
    const { dataset, access } = await findDataset(c, (await params).slug);
    mustBeAllowed(c, access.manage, "making a link");
    const key = await createLinkKey(c.db, dataset.id);
    if (key === null) throw new ApiError(409, `visibility: a link is made only while the dataset is "link" (anyone with the link); it is "${dataset.visibility}"`, "visibility");
    return json({ key, url: `/${datasetQuery(dataset.slug, [key])}`, visibility: dataset.visibility }, 201);
  });
}

export function DELETE(request: Request, { params }: Params): Promise<Response> {
  return handle(async () => {
    const c = await caller(request);
    const { dataset, access } = await findDataset(c, (await params).slug);
    mustBeAllowed(c, access.manage, "revoking links");
    // An empty body revokes every live key.
    const body = await readJsonBody(request, TINY_BODY);
    const key = typeof body === "object" && body !== null && "key" in body ? (body as { key: unknown }).key : undefined;
    if (key !== undefined && typeof key !== "string") throw new ApiError(400, "key: must be a string", "key");
    return json({ revoked: await revokeLinkKeys(c.db, dataset.id, key ?? null) });
  });
}
