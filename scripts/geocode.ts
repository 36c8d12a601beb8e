// `npm run geocode -- "Sheikh Maskeen"`: prints the GeoJSON FeatureCollection of ranked candidates, best
// first (Syria's gazetteer, then the world's); exit status 1 and a one-line message on stderr when nothing resolves.
// `npm run geocode -- --csv FILE --column place [--out FILE.geojson]`: geocodes a whole table; every row's
// columns go into the feature's properties beside geocode_status/geocode_message; unresolved and ambiguous
// rows are reported on stderr by row number (1 = first data row). Output goes to --out or stdout.
import { readFileSync, writeFileSync } from "node:fs";
import type { Feature, FeatureCollection } from "geojson";
import { geocodePlace, toFeatureCollection, GeocodeInputError, MAX_LIMIT } from "../lib/geocode";
import { readWholeCsv } from "../lib/csv/read";

const USAGE = `usage: npm run geocode -- [--limit N] "place text"
       npm run geocode -- --csv FILE --column NAME [--out FILE.geojson]`;

class UsageError extends Error {}

interface Args {
  query?: string;
  csv?: string;
  column?: string;
  out?: string;
  limit?: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--csv") args.csv = value();
    else if (a === "--column") args.column = value();
    else if (a === "--out") args.out = value();
    else if (a === "--limit") {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) throw new UsageError(`--limit must be an integer from 1 to ${MAX_LIMIT}`);
      args.limit = n;
    } else if (a === "--help" || a === "-h") throw new UsageError("");
    else if (a.startsWith("--")) throw new UsageError(`unknown option ${a}`);
    else rest.push(a);
  }
  if (args.csv) {
    if (!args.column) throw new UsageError("--csv needs --column");
    if (rest.length) throw new UsageError("give either --csv or a query, not both");
  } else {
    if (rest.length === 0) throw new UsageError("missing query");
    args.query = rest.join(" ");
  }
  return args;
}

function one(args: Args): number {
  const result = geocodePlace({ text: args.query as string }, args.limit ? { limit: args.limit } : undefined);
  process.stdout.write(`${JSON.stringify(toFeatureCollection(result), null, 2)}\n`);
  if (result.status === "unresolved") {
    process.stderr.write(`geocode: unresolved: ${result.message ?? "no match"}\n`);
    return 1;
  }
  if (result.status === "ambiguous") process.stderr.write(`geocode: ambiguous: ${result.message}\n`);
  return 0;
}

function table(args: Args): number {
  const [header, ...rows] = readWholeCsv(readFileSync(args.csv as string, "utf8"), { separator: "," }).records.map((r) => r.fields).filter((r) => r.some((f) => f.trim() !== ""));
  const col = header?.indexOf(args.column as string) ?? -1;
  if (!header || col < 0) throw new UsageError(`column ${JSON.stringify(args.column)} not in the header of ${args.csv} (${(header ?? []).join(", ")})`);
  const features: Feature[] = [];
  const counts = { resolved: 0, ambiguous: 0, unresolved: 0 };
  rows.forEach((row, i) => {
    const rowNo = i + 1;
    const text = row[col] ?? "";
    const result = geocodePlace({ text });
    counts[result.status]++;
    const props = Object.fromEntries(header.map((h, j) => [h, row[j] ?? ""]));
    if (result.status !== "resolved") process.stderr.write(`row ${rowNo}: ${result.status}: ${JSON.stringify(text.slice(0, 80))}: ${result.message ?? ""}\n`);
    features.push({
      type: "Feature",
      geometry: result.best?.geometry ?? null,
      properties: { ...props, row: rowNo, geocode_status: result.status, ...(result.message ? { geocode_message: result.message } : {}), ...(result.best ? { geocode: result.best.properties } : {}) },
    } as Feature);
  });
  const fc: FeatureCollection = { type: "FeatureCollection", features };
  const body = `${JSON.stringify(fc, null, 2)}\n`;
  if (args.out) writeFileSync(args.out, body);
  else process.stdout.write(body);
  process.stderr.write(`geocode: ${rows.length} rows: ${counts.resolved} resolved, ${counts.ambiguous} ambiguous, ${counts.unresolved} unresolved${args.out ? ` → ${args.out}` : ""}\n`);
  return 0;
}

function main(): number {
  try {
    const args = parseArgs(process.argv.slice(2));
    return args.csv ? table(args) : one(args);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message ? `geocode: ${err.message}\n` : ""}${USAGE}\n`);
      return 2;
    }
    if (err instanceof GeocodeInputError || (err as NodeJS.ErrnoException).code === "ENOENT") {
      process.stderr.write(`geocode: ${(err as Error).message}\n`);
      return 2;
    }
    throw err;
  }
}

process.exitCode = main();
