// GET /api/basemap/{countries|governorates|towns}: the Middle East base map files, served from geodata/basemap.
// GET /api/basemap/tile?z=&x=&y=: one tile of the world base map (lib/basemap/tiles.ts); a tile with no land is
// an empty FeatureCollection.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { GEOJSON_MEDIA_TYPE } from "@/lib/export/geojson";
import { GEODATA_DIR } from "@/lib/geo/geodata";
import { PUBLIC_READ_HEADERS, publicProblem } from "@/lib/server/public-read";
import { parseTileKey, tilePath } from "@/lib/basemap/tiles";

export const runtime = "nodejs";

const LAYERS = new Set(["countries", "governorates", "towns", "tile"]);
const EMPTY = '{"type":"FeatureCollection","features":[]}\n';


async function tile(url: URL): Promise<Response | string> {
  const key = parseTileKey(url.searchParams.get("z"), url.searchParams.get("x"), url.searchParams.get("y"));
  if ("error" in key) return publicProblem(400, key.error);
  try {
    return await readFile(join(GEODATA_DIR, "basemap", "tiles", `${tilePath(key)}.geojson`), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return EMPTY;
    throw err;
  }
}

export async function GET(request: Request, { params }: { params: Promise<{ layer: string }> }): Promise<Response> {
  const { layer } = await params;
  if (!LAYERS.has(layer)) return publicProblem(404, `layer: must be one of ${[...LAYERS].join(", ")}, got ${JSON.stringify(layer.slice(0, 40))}`);
  const body = layer === "tile" ? await tile(new URL(request.url)) : await readFile(join(GEODATA_DIR, "basemap", `${layer}.geojson`));
  if (body instanceof Response) return body;
  return new Response(body, {
    headers: { ...PUBLIC_READ_HEADERS, "content-type": GEOJSON_MEDIA_TYPE, "cache-control": "public, max-age=86400" },
  });
}
