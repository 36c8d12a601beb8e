// Crash safety on both engines: a process saving a 100,000-row import through lib/db is killed with
// SIGKILL in the middle of its transaction, and the store then holds none of it; one killed right after
// its commit was acknowledged (the store never closed) holds all of it when the store is opened again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BATCH_ROWS } from "@/lib/db/incidents";
import { ENGINES, testStore, type TestStore } from "../support/db";

// @option COUNT: number = 100000, the import's rows (the figure)
const COUNT = Number(process.env.CRASH_TEST_ROWS ?? 100_000);
const BATCHES = Math.ceil(COUNT / BATCH_ROWS);
// node itself with tsx's loader (not the tsx command, which runs the script in a child of its own that
// a SIGKILL of the command would leave running).
const TSX_LOADER = join(process.cwd(), "node_modules", "tsx", "dist", "loader.mjs");
const CHILD = join(process.cwd(), "tests", "support", "crash-save.ts");

/** Runs the saving child and kills it with SIGKILL as soon as a line of its output passes `when`. */
function saveAndKill(where: string, slug: string, when: (line: string) => boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", pathToFileURL(TSX_LOADER).href, CHILD, where, slug, String(COUNT)], { stdio: ["ignore", "pipe", "pipe"] });
    const lines: string[] = [];
    let stderr = "";
    let killed = false;
    let rest = "";
    child.stdout.on("data", (chunk: Buffer) => {
      const parts = (rest + chunk.toString("utf8")).split("\n");
      rest = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (!killed && when(line)) {
          killed = true;
          child.kill("SIGKILL");
        }
      }
    });
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL" && killed) resolve(lines);
      else reject(new Error(`the saving child ended with ${code ?? signal} before it was killed; stderr: ${stderr.slice(-2000)}`));
    });
  });
}

const batchNumber = (line: string) => (/^batch (\d+)$/.exec(line)?.[1] ?? null);

describe.each(ENGINES)("a save killed with SIGKILL on %s", (engine) => {
  let store: TestStore;
  let where: string;
  beforeAll(async () => {
    store = await testStore(engine);
    const db = await store.open({ seed: false }); // migrated, then closed: the children open it
    await db.close();
    where = store.where.url ?? store.where.dataDir!;
  }, 180_000);
  afterAll(async () => {
    await store?.dispose();
  });

  const rowsOf = async (slug: string) => {
    const db = await store.open({ seed: false });
    try {
      const datasets = (await db.query<{ id: number }>("SELECT id FROM datasets WHERE slug = $1", [slug])).rows;
      const incidents = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM incidents i JOIN datasets d ON d.id = i.dataset_id WHERE d.slug = $1", [slug])).rows[0].n;
      return { datasets: datasets.length, incidents };
    } finally {
      await db.close();
    }
  };

  it("in the middle of its transaction leaves none of it", async () => {
    const half = Math.floor(BATCHES / 2);
    const lines = await saveAndKill(where, "killed-midway", (line) => Number(batchNumber(line)) >= half);
    // Killed with half the rows sent and no commit.
    expect(lines.some((l) => l.startsWith("committed"))).toBe(false);
    expect(lines.filter((l) => batchNumber(l) !== null).length).toBeGreaterThanOrEqual(half);
    // PostgreSQL ends the dead client's transaction when it sees the connection gone.
    let found = await rowsOf("killed-midway");
    for (let i = 0; i < 20 && found.incidents > 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      found = await rowsOf("killed-midway");
    }
    expect(found).toEqual({ datasets: 0, incidents: 0 });
  }, 300_000);

  it("right after its commit was acknowledged leaves all of it, once the store opens again", async () => {
    const lines = await saveAndKill(where, "killed-after-commit", (line) => line.startsWith("committed"));
    expect(lines.at(-1)).toBe(`committed ${COUNT}`);
    expect(await rowsOf("killed-after-commit")).toEqual({ datasets: 1, incidents: COUNT });
  }, 300_000);
});
