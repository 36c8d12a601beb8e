// `npm run geodata`: rebuilds geodata/incidents.geojson, summary.json, checkpoints.geojson and
// siege.geojson from the source table geodata/incidents.csv, the source article and the project's
// geocoder. Deterministic: running it twice writes identical bytes. Fails naming the row and field.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { MultiPolygon, Polygon } from "geojson";
import { geocode } from "../lib/geocode";
import { ARTICLE_PATH, buildGeodata, type BuildOutputs } from "../lib/build/dataset";

const ROOT = resolve(__dirname, "..");

// @option DARAA_ARTICLE: path, default "<root>/geodata/sources/daraa-offensive-2021.md" (the copy kept in
// the repository); set it to build from another revision of the article.
export function articlePath(root = ROOT): string {
  return process.env.DARAA_ARTICLE || resolve(root, ARTICLE_PATH);
}

/** Daraa Governorate's outline from the offline base map (Natural Earth). */
export function daraaOutline(root = ROOT): Polygon | MultiPolygon {
  const path = join(root, "geodata/basemap/governorates.geojson");
  const fc = JSON.parse(readFileSync(path, "utf8")) as { features?: { properties?: { name?: unknown }; geometry?: { type?: unknown } }[] };
  const g = fc.features?.find((f) => f.properties?.name === "Daraa")?.geometry;
  if (g?.type !== "Polygon" && g?.type !== "MultiPolygon") throw new Error(`${path}: no Polygon feature named "Daraa" (got ${String(g?.type)})`);
  return g as Polygon | MultiPolygon;
}

/** Reads the inputs and builds every output, in-process (the tests call this too). */
export async function buildFromRepo(root = ROOT): Promise<BuildOutputs> {
  const table = readFileSync(join(root, "geodata/incidents.csv"), "utf8");
  const article = readFileSync(articlePath(root), "utf8");
  return buildGeodata({ table, article, geocode: (text) => geocode(text), daraa: daraaOutline(root) });
}

async function main(): Promise<void> {
  const out = await buildFromRepo();
  for (const [file, text] of Object.entries(out.files)) writeFileSync(join(ROOT, "geodata", file), text);
  const s = out.summary;
  console.log(`geodata: ${s.incidents} incidents (${Object.entries(s.by_event_type).map(([k, v]) => `${k} ${v}`).join(", ")})`);
  for (const l of s.casualties.lines) console.log(`  ${l.side} ${l.measure}: itemised ${l.itemised} of infobox ${l.infobox}`);
  console.log(`  side disputed killed: ${s.casualties.killed_side_disputed.itemised} (${s.casualties.killed_side_disputed.events.join(", ")})`);
  console.log(`wrote ${Object.keys(out.files).map((f) => `geodata/${f}`).join(", ")}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`npm run geodata failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
