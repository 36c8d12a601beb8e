// `npm run dataset:import -- FILE --slug SLUG --name NAME [--visibility public|link|private]`: saves a GeoJSON
// file of incidents as a new dataset of the store the server uses (DATABASE_URL, else the embedded store
// in DATA_DIR), in one transaction, the file kept as its source. How a file is served: open the page with
// `?dataset=SLUG`. The dataset has no owner, so only an admin can change it.
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { openDb } from "../lib/db/open";
import { importDataset } from "../lib/db/seed";
import { countIncidents } from "../lib/db/incidents";
import { isSlug, VISIBILITIES } from "../lib/rules/dataset";

type Visibility = (typeof VISIBILITIES)[number];

async function main(): Promise<void> {
  const usage = `usage: npm run dataset:import -- FILE --slug SLUG --name NAME [--visibility ${VISIBILITIES.join("|")}]\n`;
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { slug: { type: "string" }, name: { type: "string" }, visibility: { type: "string", default: "public" } } });
  } catch (err) {
    process.stderr.write(`dataset:import: ${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
  const { positionals, values } = args;
  const problem =
    positionals.length !== 1 ? `expected one FILE, got ${positionals.length}`
    : !isSlug(values.slug) ? `--slug: not a dataset slug (a-z, 0-9 and -, at most 64) (value: ${JSON.stringify(values.slug ?? null)})`
    : !values.name?.trim() ? `--name: empty (value: ${JSON.stringify(values.name ?? null)})`
    : !(VISIBILITIES as readonly string[]).includes(values.visibility!) ? `--visibility: not one of ${VISIBILITIES.join(", ")} (value: ${JSON.stringify(values.visibility)})`
    : null;
  if (problem !== null) {
    process.stderr.write(`dataset:import: ${problem}\n${usage}`);
    process.exit(2);
  }
  let db: Awaited<ReturnType<typeof openDb>> | null = null;
  try {
    // Inside the try: a store open in the server is a one-line refusal, not a stack trace.
    db = await openDb();
    const t0 = performance.now();
    const d = await importDataset(db, resolve(positionals[0]), { slug: values.slug!, name: values.name!.trim(), visibility: values.visibility as Visibility });
    const n = await countIncidents(db, d.id);
    process.stdout.write(`dataset:import: ${d.slug}: ${n} incidents in ${((performance.now() - t0) / 1000).toFixed(1)} s (${db.engine})\n`);
  } catch (err) {
    process.stderr.write(`dataset:import: ${(err as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    await db?.close();
  }
}
void main();
