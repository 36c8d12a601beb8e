// A real PostgreSQL 15 + PostGIS cluster for tests, of its own: a fresh folder in the OS temp dir, a free
// port, its socket in that folder; stopped and removed after. When we are root, the cluster runs as the
// `postgres` OS user (PostgreSQL refuses to run as root).
import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

// @option PG_BIN: string = "/usr/lib/postgresql/15/bin", Debian's postgresql-15
export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

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

export async function startPostgres(database = "test"): Promise<TestPostgres> {
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
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    run("pg_ctl", ["start", "-D", data, "-w", "-l", join(dir, "log"), "-o", opts]);
    started = true;
    run("psql", ["-h", dir, "-p", String(port), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q",
      "-c", `CREATE DATABASE ${database}`, "-c", `\\c ${database}`, "-c", "CREATE EXTENSION postgis"]);
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    await stop();
    throw new Error(`Cannot start a test PostgreSQL from ${PG_BIN}: ${e.stderr || e.message}`);
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/${database}`, stop };
}
