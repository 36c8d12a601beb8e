// lib/server/api-routes.ts is the one list of the API's routes the front door knows: it must name every
// folder under app/api with a route.ts, and each row's methods must be exactly the handlers that file exports.
import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { API_ROUTES, apiRoute } from "@/lib/server/api-routes";

const APP = join(process.cwd(), "app");
const HANDLERS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Every route.ts under app/api, as its folder's path from app/ (`/api/datasets/[slug]`). */
const routeFiles = (): { folder: string; file: string }[] =>
  readdirSync(join(APP, "api"), { recursive: true, encoding: "utf8" })
    .filter((f) => f === "route.ts" || f.endsWith(`${sep}route.ts`))
    .map((f) => join(APP, "api", f))
    .map((file) => ({ file, folder: `/${relative(APP, file).split(sep).slice(0, -1).join("/")}` }));

describe("the API's route table", () => {
  it("has one row for each app/api/**/route.ts, and no other", () => {
    const folders = routeFiles().map((r) => r.folder).sort();
    expect(folders.length).toBeGreaterThan(0);
    expect(API_ROUTES.map((r) => r.folder).sort()).toEqual(folders);
  });

  it("names exactly the methods each route.ts exports", async () => {
    for (const { folder, file } of routeFiles()) {
      const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      const exported = HANDLERS.filter((m) => typeof mod[m] === "function");
      expect({ folder, methods: exported }).toEqual({ folder, methods: [...API_ROUTES.find((r) => r.folder === folder)!.methods].sort((a, b) => HANDLERS.indexOf(a) - HANDLERS.indexOf(b)) });
    }
  }, 60_000);

  it("finds a route from the path as sent: a bracketed folder is one segment, an escaped slash none", () => {
    expect(apiRoute("/api/datasets/my-set/links")?.folder).toBe("/api/datasets/[slug]/links");
    expect(apiRoute("/api/basemap/towns")?.folder).toBe("/api/basemap/[layer]");
    for (const path of ["/api/datasets/a/b", "/api%2fincidents", "/api/incidents/", "/API/incidents"]) expect(apiRoute(path)).toBeUndefined();
  });
});
