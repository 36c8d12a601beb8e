// GET /api/basemap/{countries|governorates|towns}: the bundled offline base map, served from geodata/basemap.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { GEOJSON_MEDIA_TYPE } from "@/lib/export/geojson";
import { GEODATA_DIR } from "@/lib/server/load";
import { PUBLIC_READ_HEADERS } from "@/lib/server/public-read";

export const runtime = "nodejs";

const LAYERS = new Set(["countries", "governorates", "towns"]);

export async function GET(_request: Request, { params }: { params: Promise<{ layer: string }> }): Promise<Response> {
  const { layer } = await params;
  if (!LAYERS.has(layer)) {
    return Response.json(
      { error: `layer: must be one of ${[...LAYERS].join(", ")}, got ${JSON.stringify(layer.slice(0, 40))}` },
      { status: 404, headers: { "cache-control": "no-store", "access-control-allow-origin": "*" } },
    );
  }
  const body = await readFile(join(GEODATA_DIR, "basemap", `${layer}.geojson`));
  return new Response(body, {
    headers: { ...PUBLIC_READ_HEADERS, "content-type": GEOJSON_MEDIA_TYPE, "cache-control": "public, max-age=86400" },
  });
}
