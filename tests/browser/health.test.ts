// The embedded store's lock as a server meets it (issue 24, rows 6 and 19): GET /api/health says whether
// the store is open, and a second server started on a folder another server has open exits with the reason
// instead of answering pages while every data route fails.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { freePort, startArgs, startServer, type Server } from "./server";
import { embeddedTemplate } from "../support/db";

let dir: string;
let first: Server;
beforeAll(async () => {
  mkdirSync("tmp", { recursive: true });
  dir = mkdtempSync(join(process.cwd(), "tmp", "health-"));
  cpSync(await embeddedTemplate(), join(dir, "db"), { recursive: true });
  first = await startServer({ DATABASE_URL: "", DATA_DIR: join(dir, "db") }, "/api/health", 240_000);
}, 300_000);
afterAll(async () => {
  await first?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("GET /api/health", () => {
  it("answers 200 with the engine once the store is open", async () => {
    const res = await fetch(`${first.baseURL}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ store: "open", engine: "embedded" });
  });
});

describe("a second server on the same embedded folder", () => {
  it("exits with the reason, and the first keeps serving", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, startArgs("-p", String(port), "-H", "127.0.0.1"), {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: "", DATA_DIR: join(dir, "db") },
    });
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve(null);
      }, 90_000);
      child.on("exit", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code, log).toBe(1);
    expect(log).toMatch(/The store could not be opened: The embedded database .* is open in process \d+/);
    const res = await fetch(`${first.baseURL}/api/health`);
    expect(res.status).toBe(200);
  }, 120_000);
});
