// Reads a synthetic ACLED-like CSV of N rows (built in memory, never written to disk) through readSource
// and prints rows/s and peak memory, beside PapaParse alone on the same text decoded whole. Run: node --expose-gc --import tsx scripts/measure-read.ts [rows] [padding]
import Papa from "papaparse";
import { readSource } from "../lib/import/source";

const rows = Number(process.argv[2] ?? 1_000_000);
// Repeats of the notes' second line, to reach a given file size (1 → about 272 bytes a row).
const pad = "; witnesses report further shelling overnight".repeat(Number(process.argv[3] ?? 0));
const HEADER = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n";
const TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments"];
const PLACES = ["Daraa", "Tafas", "Nawa", "Jasim", "Kyiv", "Kharkiv", "São Paulo", "Köln"];

function build(n: number): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [enc.encode(HEADER)];
  let total = parts[0].length;
  let chunk = "";
  for (let i = 0; i < n; i++) {
    const place = PLACES[i % PLACES.length];
    chunk += `SYR${i},2021-08-${String(1 + (i % 28)).padStart(2, "0")},2021,1,Political violence,${TYPES[i % 6]},Armed clash,Military Forces of Syria (2000-),,1,Rebel Group,12,,760,Middle East,Syria,Daraa,Daraa,Daraa,${place},${(32 + (i % 1000) / 1000).toFixed(4)},${(36 + (i % 997) / 1000).toFixed(4)},1,SOHR,National,"On ${i % 28 + 1} August, clashes in ${place}, ""heavy"" shelling\nsecond line${pad}",${i % 5},,1630000000\n`;
    if (chunk.length > 1 << 20) {
      const b = enc.encode(chunk);
      parts.push(b);
      total += b.length;
      chunk = "";
    }
  }
  const last = enc.encode(chunk);
  parts.push(last);
  total += last.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const gc = (globalThis as { gc?: () => void }).gc;
const bytes = build(rows);
gc?.();
const base = process.memoryUsage();
let peak = 0;
const sampleMemory = () => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
};
const t0 = performance.now();
const source = readSource(bytes, "acled.csv", { limits: { maxBytes: 600 * 1024 * 1024 } });
const tSample = performance.now() - t0;
let n = 0;
let rejected = 0;
for (const batch of source.batches()) {
  n += batch.records.length;
  rejected += batch.rejected.length;
  sampleMemory();
}
const ms = performance.now() - t0;
console.log(`${rows.toLocaleString("en")} rows, ${(bytes.length / 1024 / 1024).toFixed(0)} MB: sample+columns in ${tSample.toFixed(0)} ms; all batches in ${(ms / 1000).toFixed(1)} s = ${Math.round(n / (ms / 1000)).toLocaleString("en")} rows/s (${n} records, ${rejected} rejected)`);
console.log(`memory: rss before reading ${(base.rss / 1048576).toFixed(0)} MB (file bytes ${(bytes.length / 1048576).toFixed(0)} MB included), peak rss while reading ${(peak / 1048576).toFixed(0)} MB`);

// The CSV library alone, for comparison: the whole text in one string, records counted and dropped.
let text: string | null = new TextDecoder().decode(bytes);
const t1 = performance.now();
let papa = 0;
Papa.parse<string[]>(text, { step: () => void papa++ });
const papaMs = performance.now() - t1;
text = null;
console.log(`PapaParse alone (text decoded whole, ${papa - 1} records): ${(papaMs / 1000).toFixed(1)} s = ${Math.round((papa - 1) / (papaMs / 1000)).toLocaleString("en")} rows/s`);
