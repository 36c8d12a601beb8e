// `npm run bench -- basemap`: the offline base map's bytes for the first view of a few regions (1280 × 800 px),
// read from the tiles a view at that zoom loads (lib/basemap/tiles.ts), beside today's single files, which
// were all loaded for any view and covered only the Middle East. Raw JSON bytes and gzip (what a compressing
// server sends).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { levelForZoom, tilePath, tilesForView, viewBBox } from "../lib/basemap/tiles";
import type { BenchRow } from "./types";

const ROOT = join(__dirname, "..");
const DIR = join(ROOT, "geodata/basemap");
const BENCH = "basemap";
const GOAL = 300 * 1024;

/** First views: the frame a dataset of that region opens on. */
export const FIRST_VIEWS: { name: string; center: [number, number]; zoom: number }[] = [
  { name: "world", center: [10, 20], zoom: 2 },
  { name: "Syria (Daraa)", center: [36.1, 32.7], zoom: 9 },
  { name: "Sahel", center: [2, 15], zoom: 4 },
  { name: "Colombia", center: [-74, 4.5], zoom: 5 },
  { name: "Ukraine", center: [31.5, 48.5], zoom: 5 },
];

/** The bytes (raw, gzip) and file count a first view loads. */
export function firstViewBytes(center: [number, number], zoom: number): { raw: number; gzip: number; files: number } {
  let raw = 0;
  let gzip = 0;
  let files = 0;
  for (const tile of tilesForView(viewBBox(center, zoom, 1280, 800), zoom)) {
    const file = join(DIR, "tiles", `${tilePath(tile)}.geojson`);
    if (!existsSync(file)) continue;
    const body = readFileSync(file);
    raw += body.length;
    gzip += gzipSync(body).length;
    files++;
  }
  return { raw, gzip, files };
}

export default async function bench(): Promise<BenchRow[]> {
  const today = ["countries", "governorates", "towns"].map((n) => readFileSync(join(DIR, `${n}.geojson`)));
  const todayRaw = today.reduce((a, b) => a + b.length, 0);
  const todayGzip = today.reduce((a, b) => a + gzipSync(b).length, 0);
  const rows: BenchRow[] = [];
  for (const v of FIRST_VIEWS) {
    const { raw, gzip, files } = firstViewBytes(v.center, v.zoom);
    const note = `zoom ${v.zoom}, tiles z${levelForZoom(v.zoom).z}: ${files} files; today's files cover only the Middle East`;
    rows.push({ bench: BENCH, metric: `first view ${v.name}: kB`, value: raw / 1024, unit: "kB", anchor: { name: "today's 3 files", value: todayRaw / 1024 }, goal: "< 300", met: raw < GOAL, note });
    rows.push({ bench: BENCH, metric: `first view ${v.name}: kB gzip`, value: gzip / 1024, unit: "kB", anchor: { name: "today's 3 files gzip", value: todayGzip / 1024 }, goal: "< 300", met: gzip < GOAL });
  }
  return rows;
}
