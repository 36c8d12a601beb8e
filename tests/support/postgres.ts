// One real PostgreSQL 15 + PostGIS cluster for a Vitest process: a fresh folder in the OS temp dir, a free
// port, its socket in that folder; stopped and removed after. Each test store gets a fresh database of its
// own in it, copied from a template that already has PostGIS (much faster than a cluster of its own).
// When we are root, the cluster runs as the `postgres` OS user (PostgreSQL refuses to run as root).
import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";

declare module "vitest" {
  export interface ProvidedContext {
    /** postgres://… of the run's cluster (its `postgres` database), for testDatabase(). */
    postgresURL: string;
  }
}

// @option PG_BIN: string = "/usr/lib/postgresql/15/bin", Debian's postgresql-15
export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

/** The database every test database is copied from: PostGIS already created in it. */
const TEMPLATE = "postgis_template";

export interface TestPostgres {
  /** postgres://… of a fresh database with the postgis extension. */
  url: string;
  stop(): Promise<void>;
}

export const postgresAvailable = (): boolean => existsSync(join(PG_BIN, "initdb"));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A new cluster with the PostGIS template; url is its `postgres` database. */
async function startCluster(): Promise<TestPostgres> {
  const root = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), "incident-map-pg-"));
  const run = (bin: string, args: string[]) => {
    const cmd = join(PG_BIN, bin);
    const [file, argv] = root ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
    return execFileSync(file, argv, { cwd: dir, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  };
  if (root) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()), Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()));
  const data = join(dir, "data");
  const port = await freePort();
  let started = false;
  const stop = async () => {
    if (started) {
      try {
        run("pg_ctl", ["stop", "-D", data, "-m", "immediate", "-w"]);
      } catch {
        // already gone: the folder goes all the same
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
    // max_connections: every test file of a run opens its pools against this one cluster.
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=300`;
    run("pg_ctl", ["start", "-D", data, "-w", "-l", join(dir, "log"), "-o", opts]);
    started = true;
    run("psql", ["-h", dir, "-p", String(port), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q",
      "-c", `CREATE DATABASE ${TEMPLATE}`, "-c", `\\c ${TEMPLATE}`, "-c", "CREATE EXTENSION postgis"]);
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    await stop();
    throw new Error(`Cannot start a test PostgreSQL from ${PG_BIN}: ${e.stderr || e.message}`);
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

interface Shared {
  cluster: Promise<TestPostgres>;
  users: number;
}
// The projects' global setups run in one process, each with its own copy of this module: one cluster
// for all of them, kept on the process and stopped when the last one lets go.
const SHARED = Symbol.for("daraa-incident-map:test-postgres");
const holder = globalThis as { [SHARED]?: Shared };

// @option BENCH_PG_CLUSTER: string = "", a cluster already running (`npm run bench` starts one for all its benches)
const RUNNING = process.env.BENCH_PG_CLUSTER;

/** The run's cluster, started by the first caller; release() stops it after the last. */
export async function acquireCluster(): Promise<{ url: string; release(): Promise<void> }> {
  if (RUNNING) return { url: RUNNING, release: async () => {} };
  const shared = (holder[SHARED] ??= { cluster: startCluster(), users: 0 });
  shared.users++;
  let cluster: TestPostgres;
  try {
    cluster = await shared.cluster;
  } catch (err) {
    if (--shared.users === 0) delete holder[SHARED];
    throw err;
  }
  let released = false;
  return {
    url: cluster.url,
    release: async () => {
      if (released) return;
      released = true;
      if (--shared.users > 0) return;
      delete holder[SHARED];
      await cluster.stop();
    },
  };
}

let made = 0;

/** A fresh database with PostGIS in the cluster at `clusterURL`; stop() drops it. */
export async function createDatabase(clusterURL: string): Promise<TestPostgres> {
  const name = `test_${process.pid}_${Date.now().toString(36)}_${made++}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: clusterURL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  const url = new URL(clusterURL);
  url.pathname = `/${name}`;
  return { url: url.href, stop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A fresh PostgreSQL + PostGIS database in the run's cluster (outside Vitest, the benches: the process's); stop() drops it. */
export async function testDatabase(): Promise<TestPostgres> {
  if (process.env.VITEST) {
    const { inject } = await import("vitest");
    const cluster = inject("postgresURL");
    if (!cluster) throw new Error("no test PostgreSQL: a test file that uses the database belongs to a project with tests/support/postgres-setup.ts (vitest.config.mts)");
    return createDatabase(cluster);
  }
  const cluster = await acquireCluster();
  const db = await createDatabase(cluster.url);
  const stop = async () => {
    await db.stop();
    await cluster.release();
  };
  return { url: db.url, stop };
}
