// `npm run synth -- --count 100000 --seed 1 --out FILE`: writes synthetic ACLED-like incidents across Syria
// as a GeoJSON FeatureCollection (one feature per line), deterministic for a seed. See lib/build/synth.ts.
// Defaults: --count 100000, --seed 1, --out - (standard output).
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { cities500Path } from "../lib/build/cities500";
import { parseGeonamesTowns, synthesizeIncidents } from "../lib/build/synth";

const USAGE = "usage: npm run synth -- [--count N] [--seed S] [--out FILE]";

function fail(message: string): never {
  process.stderr.write(`synth: ${message} (${USAGE})\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { count: number; seed: number; out: string } {
  const args = { count: 100_000, seed: 1, out: "-" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const eq = arg.indexOf("=");
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    if (flag !== "--count" && flag !== "--seed" && flag !== "--out") fail(`unknown argument ${JSON.stringify(arg)}`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "") fail(`${flag} needs a value`);
    if (flag === "--out") args.out = value;
    else {
      const n = /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
      if (flag === "--count" && !(Number.isSafeInteger(n) && n >= 0)) fail(`--count must be a whole number ≥ 0, got ${JSON.stringify(value)}`);
      if (flag === "--seed" && !(Number.isSafeInteger(n))) fail(`--seed must be an integer, got ${JSON.stringify(value)}`);
      args[flag === "--count" ? "count" : "seed"] = n;
    }
  }
  return args;
}

function main(): void {
  const { count, seed, out } = parseArgs(process.argv.slice(2));
  const towns = parseGeonamesTowns(readFileSync(cities500Path(), "utf8"));
  const t0 = performance.now();
  const fc = synthesizeIncidents({ count, seed, towns });
  let fd: number;
  try {
    fd = out === "-" ? 1 : openSync(out, "w");
  } catch (err) {
    fail(`--out ${JSON.stringify(out)}: ${(err as Error).message}`);
  }
  // Written in blocks of features: a million features as one string exceed V8's longest string.
  const BLOCK = 10_000;
  writeSync(fd, `{"type":"FeatureCollection","features":[\n`);
  for (let i = 0; i < fc.features.length; i += BLOCK) {
    const block = fc.features.slice(i, i + BLOCK).map((f) => JSON.stringify(f)).join(",\n");
    writeSync(fd, (i > 0 ? ",\n" : "") + block);
  }
  writeSync(fd, `\n]}\n`);
  if (out !== "-") {
    closeSync(fd);
    const ms = (performance.now() - t0).toFixed(0);
    process.stderr.write(`synth: ${count} incidents (seed ${seed}, ${towns.length} towns) written to ${out} in ${ms} ms\n`);
  }
}

main();
