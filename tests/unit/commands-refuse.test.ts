// The store's commands (scripts/*.ts) against an embedded store the server holds open: each refuses in one
// line naming the reason, exit status 1, never with a stack trace.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { testStore, type TestStore } from "../support/db";
import type { Engine } from "@/lib/db/engine";

const TSX = join(process.cwd(), "node_modules", ".bin", "tsx");

describe("commands on a store open elsewhere", () => {
  let store: TestStore;
  let db: Engine;
  beforeAll(async () => {
    store = await testStore("embedded");
    db = await store.open({ seed: false });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  it.each([
    ["user.ts", "list"],
    ["db-migrate.ts"],
    ["db-rebuild.ts", "daraa-2021"],
    ["import-dataset.ts", join("geodata", "incidents.geojson"), "--slug", "again", "--name", "Again"],
    ["backup.ts", join("tmp", "never-written.ndjson")],
  ])("%s refuses in one line", async (script, ...args) => {
    // Not spawnSync: the lock is held by a socket this process must stay free to answer.
    const child = spawn(TSX, ["--conditions=react-server", join("scripts", script), ...args], { env: { ...process.env, DATA_DIR: store.where.dataDir!, DATABASE_URL: "" } });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c));
    child.stdout.resume();
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toMatch(/is open in/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(status).toBe(1);
  }, 70_000);
});
