// GET /api/datasets/SLUG[?key=K]: the dataset's metadata, incident count and what the caller may do
// (404 when the caller may not read it). PATCH { name?, description?, licence?, source?, visibility? } and
// DELETE: its owner or an admin (403 for others who can read it). A change of visibility revokes every link key.
import { METADATA_BODY } from "@/lib/server/body-limits";
import { caller, handle, json, readObject } from "@/lib/server/api";
import { deleteDataset, updateDataset } from "@/lib/db/datasets";
import { findDataset, mustBeAllowed, viewOf } from "@/lib/server/dataset-routes";
import { metadataPatch } from "@/lib/server/dataset-input";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export function GET(request: Request, { params }: Params): Promise<Response> {
  return handle(async () => {
    const c = await caller(request);
    const { dataset, access } = await findDataset(c, (await params).slug, new URL(request.url).searchParams.get("key"));
    return json({ dataset: await viewOf(c, dataset, access, true) });
  });
}

export function PATCH(request: Request, { params }: Params): Promise<Response> {
  return handle(async () => {
    const c = await caller(request);
    const { dataset, access } = await findDataset(c, (await params).slug);
    mustBeAllowed(c, access.manage, "changing a dataset");
    const patch = metadataPatch(await readObject(request, METADATA_BODY));
    // A change of visibility revokes every link key (lib/db/datasets.ts).
    const changed = (await updateDataset(c.db, dataset.id, patch)) ?? dataset;
    return json({ dataset: await viewOf(c, changed, access, true) });
  });
}

export function DELETE(request: Request, { params }: Params): Promise<Response> {
  return handle(async () => {
    const c = await caller(request);
    const { dataset, access } = await findDataset(c, (await params).slug);
    mustBeAllowed(c, access.manage, "deleting a dataset");
    await deleteDataset(c.db, dataset.id);
    return json({ deleted: dataset.slug });
  });
}
