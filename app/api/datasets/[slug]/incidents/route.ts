// POST /api/datasets/SLUG/incidents { collection }: adds an import's incidents after the dataset's own, all
// or none (one transaction). Its owner, an admin, or an editor it is shared with. An event_id the dataset
// already has is refused (400), naming the feature.
import { ApiError, caller, handle, json } from "@/lib/server/api";
import { countIncidents, insertIncidentRows } from "@/lib/db/incidents";
import { findDataset, mustBeAllowed } from "@/lib/server/dataset-routes";
import { withSaveBody } from "@/lib/server/save-body";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return handle(async () => {
    const c = await caller(request);
    const { dataset, access } = await findDataset(c, (await params).slug);
    mustBeAllowed(c, access.add, "adding incidents");
    // The body is read, checked and written as COPY text on the save thread (lib/server/save-body.ts).
    const { ids, notes, total } = await withSaveBody(request, async (body) => {
      const { ids = [], notes, rows } = await body.collection(true);
      const total = await c.db.transaction(async (tx) => {
        const { rows: held } = await tx.query<{ event_id: string }>("SELECT event_id FROM incidents WHERE dataset_id = $1 AND event_id = ANY($2::text[]) LIMIT 1", [dataset.id, ids]);
        if (held.length) {
          const i = ids.indexOf(held[0].event_id);
          throw new ApiError(400, `collection.features[${i}].properties.event_id: the dataset already has an incident ${JSON.stringify(held[0].event_id)}`, `collection.features[${i}].properties.event_id`);
        }
        await insertIncidentRows(tx, dataset.id, rows);
        await tx.query("UPDATE datasets SET updated_at = now() WHERE id = $1", [dataset.id]);
        return countIncidents(tx, dataset.id);
      });
      return { ids, notes, total };
    });
    return json({ added: ids.length, incidents: total, ...(notes.length ? { notes } : {}) });
  });
}
