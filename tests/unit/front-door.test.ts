// lib/server/front-door.ts at a real HTTP server standing in for Next, put before it as server.ts does: what
// no route takes is answered there (with the security headers, a body the request carried left unread), a
// client waiting to send its body (Expect: 100-continue) is refused before it sends it, the store's reads wait
// while it opens, and a document Next renders gets its policy on the request, where Next reads the nonce.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serveThroughFrontDoor } from "@/lib/server/front-door";
import { setStoreHealth } from "@/lib/db/health";
import { gunzipSync } from "node:zlib";
import { NextRequest } from "next/server";
import { GET } from "@/app/api/geocode/route";
import { postExpectingContinue } from "../support/expect-continue";

let server: Server;
let port = 0;
/** The requests the stand-in for Next received, with the headers they reached it with. */
const reached: { url: string; headers: IncomingHttpHeaders; csp: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer();
  serveThroughFrontDoor(server, (req, res) => {
    reached.push({ url: req.url ?? "", headers: req.headers, csp: res.getHeader("content-security-policy") as string | undefined });
    req.resume();
    req.on("end", () => res.end("next"));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(() => {
  reached.length = 0;
  setStoreHealth({ state: "closed" });
});

function send(path: string, method = "GET", headers: Record<string, string> = {}, chunks: Buffer[] = []): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, method, headers }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    // The door may answer and close before the whole body is sent.
    req.on("error", (err: NodeJS.ErrnoException) => (err.code === "ECONNRESET" || err.code === "EPIPE" ? undefined : reject(err)));
    for (const c of chunks) req.write(c);
    req.end();
  });
}

const megabytes = (n: number) => Array.from({ length: n * 16 }, () => Buffer.alloc(65536, 0x20));

describe("the front door", () => {
  it("answers a write to a read-only route 405 with Allow and the security headers, without reading its body", async () => {
    const res = await send("/api/incidents", "POST", {}, megabytes(16));
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe("GET, HEAD, OPTIONS");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers.connection).toBe("close");
    expect(JSON.parse(res.body).error).toMatch(/^method POST is not allowed/);
    expect(reached).toEqual([]);
  });

  it("answers an unknown API path 404 in JSON and a broken escape 400, and lets a known read through", async () => {
    const missing = await send("/api/nope");
    expect([missing.status, missing.headers["content-type"], missing.headers["cache-control"]]).toEqual([404, "application/json", "no-store"]);
    expect((await send("/api/basemap/%zz")).status).toBe(400);
    expect((await send("/api/incidents?bbox=1,2,3,4")).body).toBe("next");
    expect(reached.map((r) => r.url)).toEqual(["/api/incidents?bbox=1,2,3,4"]);
  });

  it("answers the geocoder's GETs itself, as the route does (gzipped when taken), and HEAD without a body", async () => {
    const routeAnswer = async (query: string) => {
      const res = GET(new NextRequest(`http://localhost/api/geocode${query}`));
      return { status: res.status, type: res.headers.get("content-type"), cache: res.headers.get("cache-control"), body: await res.text() };
    };
    for (const query of ["?q=Homs", "?q=", "?q=Tafas&limit=abc", "?q=Tafas&q=Nawa"]) {
      const res = await send(`/api/geocode${query}`);
      expect({ status: res.status, type: res.headers["content-type"], cache: res.headers["cache-control"], body: res.body }).toEqual(await routeAnswer(query));
      expect([res.headers["x-content-type-options"], res.headers["access-control-allow-origin"]]).toEqual(["nosniff", "*"]);
    }
    const big = await new Promise<{ encoding: string | undefined; text: string }>((resolve, reject) => {
      httpRequest({ host: "127.0.0.1", port, path: "/api/geocode?q=Paris&limit=50", headers: { "accept-encoding": "gzip" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ encoding: res.headers["content-encoding"], text: gunzipSync(Buffer.concat(chunks)).toString() }));
      }).on("error", reject).end();
    });
    expect(big.encoding).toBe("gzip");
    expect(big.text).toBe((await routeAnswer("?q=Paris&limit=50")).body);
    const head = await send("/api/geocode?q=Homs", "HEAD");
    expect([head.status, head.body]).toEqual([200, ""]);
    expect(reached).toEqual([]);
  });

  it("refuses a write from a client waiting for leave to send its body (Expect: 100-continue) before it sends it", async () => {
    const answer = (path: string, headers: Record<string, string>) => postExpectingContinue({ host: "127.0.0.1", port, path }, { "content-length": "2", ...headers });
    expect(await answer("/api/users", {})).toEqual({ status: 401, continued: false });
    expect(reached).toEqual([]);
    // A write the door lets through is given leave, and its body reaches Next.
    expect(await answer("/api/geocode", { origin: `http://127.0.0.1:${port}`, "content-type": "application/json" })).toEqual({ status: 200, continued: true });
    expect(reached.map((r) => r.url)).toEqual(["/api/geocode"]);
  });

  it("answers the API's CORS preflight itself", async () => {
    const res = await send("/api/incidents", "OPTIONS", { origin: "https://example.org", "access-control-request-method": "GET" });
    expect([res.status, res.headers["access-control-allow-origin"], res.headers["access-control-allow-methods"]]).toEqual([204, "*", "GET, HEAD"]);
    expect(reached).toEqual([]);
  });

  it("answers the store's reads 503 with Retry-After while it opens; health still reaches its route", async () => {
    setStoreHealth({ state: "opening" });
    const res = await send("/api/incidents/columns?dataset=x");
    expect([res.status, res.headers["retry-after"], JSON.parse(res.body).error]).toEqual([503, "1", "preparing the database"]);
    expect((await send("/api/health")).body).toBe("next");
    setStoreHealth({ state: "open", engine: "embedded" });
    expect((await send("/api/incidents/columns?dataset=x")).body).toBe("next");
  });

  it("gives a document Next renders a policy with a fresh nonce, on the request (where Next reads it) and the response", async () => {
    const [a, b] = [await send("/nope", "GET", { rsc: "1" }), await send("/", "GET", { rsc: "1" })];
    expect([a.body, b.body]).toEqual(["next", "next"]);
    const nonce = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];
    expect(nonce(reached[0].headers["content-security-policy"] as string)).toBeTruthy();
    expect(nonce(a.headers["content-security-policy"] as string)).toBe(nonce(reached[0].headers["content-security-policy"] as string));
    expect(nonce(reached[1].csp)).not.toBe(nonce(reached[0].csp));
  });

  it("answers a write to the page 405 in text, and OPTIONS on it 204 with Allow", async () => {
    const write = await send("/", "POST", { "content-length": "2" }, [Buffer.from("{}")]);
    expect([write.status, write.headers["content-type"], write.headers.allow]).toEqual([405, "text/plain; charset=utf-8", "GET, HEAD, OPTIONS"]);
    const options = await send("/", "OPTIONS");
    expect([options.status, options.headers.allow]).toEqual([204, "GET, HEAD, OPTIONS"]);
    expect(reached).toEqual([]);
  });
});
