// Backup and restore on both engines (lib/db/backup.ts): a dump restored into an empty store dumps to the
// same bytes; a store that is not empty, a truncated dump or a bad line change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { ENGINES, testStore, type TestStore } from "../support/db";
import { incident } from "../support/incidents";
import type { Engine } from "@/lib/db/engine";
import { addSource, createDataset, getDatasetBySlug } from "@/lib/db/datasets";
import { saveIncidents } from "@/lib/db/incidents";
import { readIncidents } from "../support/stored-incidents";
import { getStoredDescription, setStoredDescription } from "@/lib/db/dataset-descriptions";
import { dumpAccounts, restoreBackup, writeBackup } from "@/lib/db/backup";
import { BackupFileError, backupToFile } from "@/lib/db/backup-file";

const ADMINS = { admins: true };

async function dump(db: Engine): Promise<string[]> {
  const lines: string[] = [];
  await writeBackup(db, (line) => void lines.push(line));
  return lines;
}

const count = async (db: Engine, table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

describe.each(ENGINES)("backup and restore on %s", (engine) => {
  let stores: TestStore[];
  let from: Engine, into: Engine;
  beforeAll(async () => {
    stores = [await testStore(engine), await testStore(engine)];
    from = await stores[0].open();
    into = await stores[1].open({ seed: false });
    const account = async (name: string, role: string, disabled: boolean) =>
      (await from.query<{ id: number }>(
        "INSERT INTO accounts (name, role, password_hash, disabled_at) VALUES ($1, $2, $3, CASE WHEN $4 THEN now() END) RETURNING id",
        [name, role, `scrypt$16384$8$1$c2FsdA==$${name}`, disabled],
      )).rows[0].id;
    const alice = await account("alice", "admin", false);
    const bob = await account("bob", "viewer", false);
    await account("carol", "editor", true);
    const mine = await createDataset(from, { slug: "mine", name: "Mine ✓", description: "line one\nline two", visibility: "private", ownerId: alice });
    await from.query("INSERT INTO dataset_shares (dataset_id, account_id) VALUES ($1, $2)", [mine.id, bob]);
    await from.query("INSERT INTO dataset_links (token_hash, dataset_id) VALUES ($1, $2), ($3, $2)", [Buffer.alloc(32, 1), mine.id, Buffer.alloc(32, 2)]);
    await from.query("UPDATE dataset_links SET revoked_at = now() WHERE token_hash = $1", [Buffer.alloc(32, 2)]);
    await setStoredDescription(from, mine.id, { reference: { name: "Here ✓", coordinates: [36.1, 32.6] }, defaultView: null, contextLayers: [] });
    await addSource(from, mine.id, { name: "raw.bin", mediaType: "application/octet-stream", content: new Uint8Array([0, 255, 10, 13]) });
    await saveIncidents(from, mine.id, [
      incident({ event_id: "M-1", notes: "quote \" tab \t newline \n ünïcödé" }),
      incident({ event_id: "M-2", event_date: null, time_precision: 3 }, { type: "Polygon", coordinates: [[[36, 32], [37, 32], [37, 33], [36, 32]]] }),
    ]);
    await createDataset(from, { slug: "empty", name: "Empty", visibility: "link", ownerId: bob });
  }, 300_000);
  afterAll(async () => {
    await from?.close();
    await into?.close();
    for (const s of stores ?? []) await s.dispose();
  });

  it("a truncated dump or a bad line is refused, naming the line, and leaves the store empty", async () => {
    const lines = await dump(from);
    await expect(restoreBackup(into, lines.slice(0, -1), ADMINS)).rejects.toThrow(/truncated/);
    const bad = [...lines];
    bad[2] = bad[2].replace('"role":"viewer"', '"role":"boss"');
    await expect(restoreBackup(into, bad, ADMINS)).rejects.toThrow(/^line 3: .*role/);
    const badFeature = lines.map((l) => l.replace('"event_id":"M-2"', '"event_id":7'));
    await expect(restoreBackup(into, badFeature, ADMINS)).rejects.toThrow(/^line \d+: properties\.event_id/);
    await expect(restoreBackup(into, ['{"format":"something-else","version":1}'], ADMINS)).rejects.toThrow(/^line 1: not a daraa-incident-map-backup/);
    expect(await count(into, "accounts")).toBe(0);
    expect(await count(into, "datasets")).toBe(0);
    expect(await count(into, "incidents")).toBe(0);
  });

  it("lists the accounts and roles a dump adds; makes no admin unless told (nothing restored then)", async () => {
    const lines = await dump(from);
    expect(await dumpAccounts(lines)).toEqual([
      { name: "alice", role: "admin" },
      { name: "bob", role: "viewer" },
      { name: "carol", role: "editor" },
    ]);
    await expect(restoreBackup(into, lines)).rejects.toThrow('line 2: account "alice" is an admin: restoring admins needs --yes');
    expect(await count(into, "accounts")).toBe(0);
    expect(await count(into, "datasets")).toBe(0);
  });

  it("a dump file is its owner's alone (0600), an existing one is kept unless forced, a stale .partial is replaced", async () => {
    mkdirSync("tmp", { recursive: true });
    const dir = mkdtempSync(join("tmp", "backup-file-"));
    const file = join(dir, "dump.ndjson");
    try {
      writeFileSync(`${file}.partial`, "left by a run that died");
      await backupToFile(from, file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, "utf8").split("\n").filter(Boolean)).toEqual(await dump(from));
      writeFileSync(file, "another file");
      await expect(backupToFile(from, file)).rejects.toThrow(BackupFileError);
      expect(readFileSync(file, "utf8")).toBe("another file");
      await backupToFile(from, file, { force: true });
      expect(readFileSync(file, "utf8").startsWith('{"format"')).toBe(true);
      if (engine === "embedded") expect(statSync(stores[0].where.dataDir!).mode & 0o777).toBe(0o700);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("backup → restore → backup gives the same bytes, with every kind of line", async () => {
    const first = await dump(from);
    // through a file and readline, as `npm run restore` reads it
    mkdirSync("tmp", { recursive: true });
    const file = join(mkdtempSync(join("tmp", "backup-")), "dump.ndjson");
    writeFileSync(file, first.map((l) => `${l}\n`).join(""));
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    expect(await restoreBackup(into, lines, ADMINS)).toEqual({ accounts: 3, datasets: 3, incidents: 39 + 2 });
    rmSync(dirname(file), { recursive: true });
    const second = await dump(into);
    expect(second.join("\n")).toBe(first.join("\n"));
    // the dump says what it holds: header, accounts, then each dataset with its sources and incidents
    expect(JSON.parse(first[0])).toEqual({ format: "daraa-incident-map-backup", version: 1 });
    expect(first.map((l) => Object.keys(JSON.parse(l))[0]).filter((k, i, a) => k !== a[i - 1])).toEqual([
      "format", "account", "dataset", "source", "type", "dataset", "source", "type", "dataset", "end",
    ]);
    const mine = JSON.parse(first.find((l) => l.includes('"slug":"mine"'))!).dataset;
    expect(mine).toMatchObject({ owner: "alice", shares: ["bob"], visibility: "private" });
    expect(mine.links).toHaveLength(2);
    expect(mine.opens_with).toEqual({ reference: { name: "Here ✓", coordinates: [36.1, 32.6] }, defaultView: null, contextLayers: [] });
    expect((await getStoredDescription(into, (await getDatasetBySlug(into, "mine"))!.id))?.body).toEqual(mine.opens_with);
    expect(mine.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it("the restored store serves the same incidents", async () => {
    for (const slug of ["daraa-2021", "mine"]) {
      const a = await readIncidents(from, (await getDatasetBySlug(from, slug))!.id);
      const b = await readIncidents(into, (await getDatasetBySlug(into, slug))!.id);
      expect(b).toEqual(a);
    }
  });

  it("refuses a store that is not empty, and changes nothing in it", async () => {
    const lines = await dump(from);
    await expect(restoreBackup(from, lines, ADMINS)).rejects.toThrow("the database is not empty (3 accounts, 3 datasets)");
    expect(await dump(from)).toEqual(lines);
  });
});
