// Issue 17, row by row, against the production build as `npm start` serves it (server.ts), as curl would
// see it; and the page's documents in Chromium under their Content-Security-Policy. The server runs with
// tests/support/emit-probe.cjs preloaded, which says whether anything replaced http.Server.prototype.emit.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { startServer, type Server } from "./server";
import { postExpectingContinue } from "../support/expect-continue";
import { launch } from "./harness";
import type { Browser } from "playwright-core";

let server: Server;
let browser: Browser;
beforeAll(async () => {
  const probe = "--require ./tests/support/emit-probe.cjs";
  server = await startServer({ DATABASE_URL: inject("databaseURL"), NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} ${probe}`.trim() });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  server?.stop();
});

const url = (path: string) => server.baseURL + path;
const send = (path: string, method = "GET", headers: Record<string, string> = {}) => fetch(url(path), { method, headers, redirect: "manual" });
/** A request fetch refuses to make (TRACE): status, headers and body, over node:http. */
function raw(path: string, method: string): Promise<{ status: number; allow: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url(path), { method }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, allow: res.headers.allow, body }));
    });
    req.on("error", reject);
    req.end();
  });
}
const battles = (JSON.parse(readFileSync("geodata/incidents.geojson", "utf8")) as { features: { properties: { event_type: string } }[] }).features.filter(
  (f) => f.properties.event_type === "Battles",
).length;

describe("the server", () => {
  it("puts the front door before Next's handler without replacing http.Server.prototype.emit", async () => {
    process.kill(server.pid, "SIGUSR2");
    await expect.poll(() => server.log(), { timeout: 10_000 }).toMatch(/Server\.prototype\.emit: /);
    expect(server.log()).toContain("Server.prototype.emit: Node's own");
  });

  it("refuses a write from a client waiting for leave to send its body (Expect: 100-continue) before it sends it", async () => {
    const answer = await postExpectingContinue(url("/api/users"), { "content-type": "application/json", "content-length": "2" });
    expect(answer).toEqual({ status: 401, continued: false });
  });
});

describe("bad percent-encoding in a path", () => {
  it.each(["%zz", "%", "%ff%fe", "%C0%80", "%ED%A0%80"])("GET /api/basemap/%s: 400 JSON naming the segment", async (segment) => {
    const res = await send(`/api/basemap/${segment}`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect((await res.json()).error).toContain(`malformed percent-encoding in ${JSON.stringify(segment)}`);
  });
});

describe("methods", () => {
  it("TRACE on the API and the page: 405 with Allow, and nothing in the log for 100 of them", async () => {
    const before = server.log().split("\n").length;
    for (const path of ["/api/incidents", "/"]) {
      const res = await raw(path, "TRACE");
      expect(res.status).toBe(405);
      expect(res.allow).toBe("GET, HEAD, OPTIONS");
      expect(JSON.parse(res.body).error).toMatch(/^method TRACE is not allowed/);
    }
    for (let i = 0; i < 100; i++) await raw("/api/incidents", "TRACE");
    expect(server.log().split("\n").length - before).toBeLessThanOrEqual(1);
  });

  it.each(["POST", "PUT", "DELETE", "PATCH"])("%s on the API: 405 with Allow and a JSON body naming the method", async (method) => {
    const res = await send("/api/incidents", method);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect((await res.json()).error).toMatch(new RegExp(`^method ${method} is not allowed`));
  });

  it.each(["POST", "PUT", "DELETE", "PATCH"])("%s on the page: 405 with Allow, not the page", async (method) => {
    const res = await send("/", method);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(await res.text()).not.toContain("<html");
  });

  it("OPTIONS on the page and the API: 204 with Allow; the API's is a CORS preflight for GET", async () => {
    const page = await send("/", "OPTIONS");
    expect(page.status).toBe(204);
    expect(page.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    const api = await send("/api/incidents", "OPTIONS", { origin: "https://example.org", "access-control-request-method": "GET" });
    expect(api.status).toBe(204);
    expect(api.headers.get("access-control-allow-origin")).toBe("*");
    expect(api.headers.get("access-control-allow-methods")).toBe("GET, HEAD");
  });
});

describe("the API's query string", () => {
  it("the length limit counts what the client sent: 1,330 commas are 1,330 characters", async () => {
    const res = await send(`/api/incidents?types=Battles${",".repeat(1330)}`);
    expect(res.status).toBe(200);
    expect((await res.json()).features).toHaveLength(battles);
    expect((await send(`/api/incidents?actors=${"a".repeat(4000)}`)).status).toBe(414);
  });

  it.each(["bbox=,,,", "bbox=35,,37,", "bbox=0x23,0x20,0x24,0x21"])("%s: 400 naming bbox", async (query) => {
    const res = await send(`/api/incidents?${query}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: "bbox" });
  });

  it.each([
    ["bbox=35,32,37,33&bbox=NaN", "bbox"],
    ["types[]=Battles", "types[]"],
    ["types=Battles&types=Riots", "types"],
  ])("%s: 400 naming %s (a parameter is given once, lists are comma-separated)", async (query, field) => {
    const res = await send(`/api/incidents?${query}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field });
  });

  it.each(["q=%00", "q=%20", "q=Tafas&limit=0x10", "q=Tafas&limit=%205%20", "q=Tafas&limit=1e1", "q=Tafas&q=Daraa"])("geocode %s: 400", async (query) => {
    const res = await send(`/api/geocode?${query}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/q|limit/);
  });

  it("geocode still answers a plain limit", async () => {
    expect((await send("/api/geocode?q=Tafas&limit=10")).status).toBe(200);
  });
});

describe("unknown API paths, CORS and caching", () => {
  it.each(["/api/nope", "/api%2fincidents"])("%s: JSON 404, never shared-cacheable", async (path) => {
    const res = await send(path);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect((await res.json()).error).toMatch(/^no API route/);
  });

  it("/api/incidents is readable cross-origin, cacheable with a validator, and answers 304 to it", async () => {
    const res = await send("/api/incidents?types=Battles");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    expect(res.headers.get("cache-control")).toMatch(/^public, max-age=\d+/);
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect((await send("/api/incidents?types=Battles", "GET", { "if-none-match": etag })).status).toBe(304);
    expect((await send("/api/incidents?types=Riots", "GET", { "if-none-match": etag })).status).toBe(200);
  });
});

describe("the page's documents", () => {
  /** Opens `path`, gathers CSP violations (event and console), waits for the page to settle. */
  async function violations(path: string, ready: string): Promise<{ seen: string[]; status: number }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const seen: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
    });
    await page.route(/tile\.openstreetmap\.org/, (r) => r.abort());
    await page.addInitScript(() => document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`)));
    const res = await page.goto(url(path));
    await page.locator(ready).first().waitFor();
    await page.waitForLoadState("networkidle");
    await context.close();
    return { seen, status: res!.status() };
  }

  it("/nope: the 404 page runs under its CSP without a violation", async () => {
    const { seen, status } = await violations("/nope", "body");
    expect(status).toBe(404);
    expect(seen).toEqual([]);
  });

  it("/: the map runs under a nonce CSP without a violation, a fresh nonce per response", async () => {
    const { seen } = await violations("/", ".leaflet-marker-pane .incident-marker, .leaflet-marker-pane .cluster-marker");
    expect(seen).toEqual([]);
    const [a, b] = await Promise.all([send("/"), send("/")]);
    const nonce = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce(a)).toBeTruthy();
    expect(nonce(a)).not.toBe(nonce(b));
    expect(await a.text()).toContain(`nonce="${nonce(a)}"`);
    expect(a.headers.get("cache-control")).toMatch(/no-store/);
  });

  it("a link with one bad value keeps its good parameters, drops the bad one and says so", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route(/tile\.openstreetmap\.org/, (r) => r.abort());
    await page.goto(url("/?types=Battles&fatal=bogus"));
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Ignored from the link" }).innerText()).toMatch(/fatal=bogus \(must be "some"/);
    await page.locator(".leaflet-marker-pane .incident-marker, .leaflet-marker-pane .cluster-marker").first().waitFor();
    // The types filter held: at most the battles are shown (all 36 were, before).
    const shown = Number(await page.getByTestId("shown-count").innerText());
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(battles);
    await expect.poll(() => new URL(page.url()).searchParams.get("types")).toBe("Battles");
    expect(new URL(page.url()).searchParams.has("fatal")).toBe(false);
    await context.close();
  });
});
