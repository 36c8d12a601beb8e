// GET /api/datasets: the datasets the caller may list (public ones; signed in, also its own and those shared
// with it; an admin, every one). POST /api/datasets { name, description?, licence?, source?, visibility,
// collection }: an editor or admin saves an import as a new dataset it owns, in one transaction (201).
import { ApiError, caller, handle, json, signedIn } from "@/lib/server/api";
import { createDataset, listVisibleDatasets } from "@/lib/db/datasets";
import { insertIncidentRows } from "@/lib/db/incidents";
import { ROLE_MAY, accessTo } from "@/lib/auth/access";
import { freeSlug, listAllDatasets, viewOf } from "@/lib/server/dataset-routes";
import { newDatasetMetadata } from "@/lib/server/dataset-input";
import { withSaveBody } from "@/lib/server/save-body";
import { slugOf } from "@/lib/rules/dataset";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const c = await caller(request);
    const list = c.account && ROLE_MAY[c.account.role].seeEverything ? await listAllDatasets(c) : await listVisibleDatasets(c.db, c.account?.id ?? null);
    const views = await Promise.all(list.map(async (d) => viewOf(c, d, await accessTo(c.db, c.account, d))));
    return json({ datasets: views });
  });
}

export function POST(request: Request): Promise<Response> {
  return handle(async () => {
    const c = await caller(request);
    const account = signedIn(c);
    if (!ROLE_MAY[account.role].createDatasets) throw new ApiError(403, `saving a dataset: not allowed for ${account.name} (a viewer account cannot change datasets)`);
    // The body is read, checked and written as COPY text on the save thread (lib/server/save-body.ts).
    const { dataset, notes } = await withSaveBody(request, async (body) => {
      const metadata = newDatasetMetadata(body.fields);
      const { rows, notes } = await body.collection();
      const dataset = await c.db.transaction(async (tx) => {
        const slug = await freeSlug(tx, slugOf(metadata.name));
        const d = await createDataset(tx, { ...metadata, slug, ownerId: account.id });
        await insertIncidentRows(tx, d.id, rows);
        return d;
      });
      return { dataset, notes };
    });
    return json({ dataset: await viewOf(c, dataset, await accessTo(c.db, account, dataset), true), ...(notes.length ? { notes } : {}) }, 201);
  });
}
