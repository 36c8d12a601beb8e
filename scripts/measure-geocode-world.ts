// `npx tsx --conditions=react-server scripts/measure-geocode-world.ts`: the world gazetteer's load time (wall
// and CPU), the memory it keeps (RSS and heap), its files' bytes, and the time of a 1,000-query batch of
// place queries with context (drawn from cities500 itself, plus country-only and Syrian queries).
import { statSync } from "node:fs";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { geocodePlace } from "../lib/geocode";
import { defaultWorld } from "../lib/geocode/world";
import type { PlaceQuery } from "../lib/import/types";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const DIR = join(__dirname, "..", "geodata/gazetteer");
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

function main(): void {
  for (const f of ["world-countries.tsv", "country-aliases.csv", "world-places.tsv.gz"]) console.log(`${f}: ${statSync(join(DIR, f)).size} bytes`);
  gc();
  const m0 = process.memoryUsage();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const world = defaultWorld();
  const places = world.places();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  gc();
  const m1 = process.memoryUsage();
  console.log(`load: ${wall.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU; ${places.count} places, ${places.byKey.size} keys, ${places.divisions.length} divisions, ${world.countries.list.length} countries`);
  console.log(`kept: RSS +${mb(m1.rss - m0.rss)}, heap +${mb(m1.heapUsed - m0.heapUsed)}, array buffers +${mb(m1.arrayBuffers - m0.arrayBuffers)}`);

  // 1,000 queries: every 200th place with its division as context, country names and codes, Syrian spellings.
  const queries: PlaceQuery[] = [];
  for (let i = 0; queries.length < 900 && i < places.count; i += 199) {
    const d = places.division[i];
    queries.push({ text: places.name[i].toUpperCase(), ...(d >= 0 ? { admin1: places.divisions[d].name } : {}), country: places.countryCodes[places.country[i]] });
  }
  for (const c of world.countries.list.slice(0, 80)) queries.push({ text: c.name });
  for (const t of ["Tafas", "Sheikh Maskeen", "Nawa", "درعا", "Daraa al-Balad", "Jasim", "Inkhil", "Busra al-Harir", "Mzeirib", "Nowhere-on-earth"]) queries.push({ text: t });
  while (queries.length < 1000) queries.push({ text: "Sudan" });
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  const results = queries.map((q) => geocodePlace(q));
  const batchWall = performance.now() - t1;
  const batchCpu = process.cpuUsage(c1);
  const by = (s: string) => results.filter((r) => r.status === s).length;
  console.log(`batch of ${queries.length}: ${batchWall.toFixed(0)} ms wall, ${((batchCpu.user + batchCpu.system) / 1000).toFixed(0)} ms CPU; resolved ${by("resolved")}, ambiguous ${by("ambiguous")}, unresolved ${by("unresolved")}`);
}

main();
