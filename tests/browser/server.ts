// Starts the production build as `npm start` does (server.ts, the front door before Next's handler) on a
// free loopback port, optionally with another dataset.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

/**
 * Node's arguments for package.json's start script (`node …`) with `extra` after them: run with this
 * process's Node, the server is the spawned process itself (its pid, its CPU time, its signals).
 */
export function startArgs(...extra: string[]): string[] {
  const start = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start;
  const [command, ...args] = start.split(/\s+/);
  if (command !== "node") throw new Error(`package.json scripts.start: does not start with node (value: ${start})`);
  return [...args, ...extra];
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** Polls `url` until it answers 200; gives up at once, with the server's words, when `gone()` says it exited. */
async function waitFor(url: string, ms: number, log: () => string, gone: () => string | undefined): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const exit = gone();
    if (exit !== undefined) throw new Error(`the server exited (${exit}) before it answered at ${url}\n${log()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(ms) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not answer at ${url} within ${ms} ms\n${log()}`);
}

export interface Server {
  baseURL: string;
  /** Sends SIGTERM; resolves once the process has exited (the store closed), so its folder may be removed. */
  stop: () => Promise<void>;
  /** What the server has printed so far, stdout and stderr. */
  log: () => string;
  /** The server's process. */
  pid: number;
}

/** `npm start`'s server with `env` added; resolves once `readyPath` answers 200. */
export async function startServer(env: Record<string, string> = {}, readyPath = "/api/incidents?bbox=0,0,0.001,0.001", timeoutMs = 60_000): Promise<Server> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npm test` (it builds first) or `npx next build`.");
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, startArgs("-p", String(port), "-H", "127.0.0.1"), {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const baseURL = `http://127.0.0.1:${port}`;
  try {
    const gone = () => (child.exitCode !== null ? `code ${child.exitCode}` : child.signalCode !== null ? `signal ${child.signalCode}` : undefined);
    await waitFor(baseURL + readyPath, timeoutMs, () => log, gone);
  } catch (err) {
    child.kill();
    throw err;
  }
  const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
  const stop = () => {
    child.kill();
    return exited;
  };
  return { baseURL, stop, log: () => log, pid: child.pid! };
}
