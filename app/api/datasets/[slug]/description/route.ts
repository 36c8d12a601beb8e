// GET /api/datasets/<slug>/description: what the dataset says about itself (name, reference point, context
// layers, default view; lib/dataset/description.ts). A slug with no declaration gets the bare description,
// the same for every such slug, so the answer says nothing about which datasets exist.
import { datasetDescription } from "@/lib/server/dataset-description";
import { PUBLIC_READ_HEADERS } from "@/lib/server/public-read";

export const runtime = "nodejs";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return Response.json(datasetDescription(slug), { headers: PUBLIC_READ_HEADERS });
}
