// lib/server/write-door.ts and forwarded.ts at a real HTTP server: a write is refused before its body is read
// (401 without a session, 403 from another site, 413 over its route's limit by Content-Length), a body sent
// without a length is cut one byte past the route's limit (the route then answers 413), and a client's
// X-Forwarded-* headers count only with TRUST_PROXY; ALLOWED_HOSTS refuses other hosts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { answerWrite } from "@/lib/server/write-door";
import { answerWrongHost, onCheckContinue } from "@/lib/server/front-door";
import { dropUntrustedForwarding, requestProtocol } from "@/lib/server/forwarded";
import { SMALL_BODY } from "@/lib/server/body-limits";
import { MAX_BATCH_BYTES } from "@/lib/geocode/config";
import { postExpectingContinue } from "../support/expect-continue";

let server: Server;
let port = 0;
/** How many bodies the stand-in for Next began to read. */
let reads = 0;
/** Body bytes pushed into a request after its end (Next's stream would fail "push after EOF"). */
let pushedAfterEnd = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    dropUntrustedForwarding(req);
    if (answerWrongHost(req, res) || answerWrite(req, res)) return;
    reads++;
    let bytes = 0;
    req.on("data", (c: Buffer) => (bytes += c.length));
    // As Next does once a request's body has ended: another stream's push takes its place.
    req.on("end", () => {
      req.push = () => {
        pushedAfterEnd++;
        return true;
      };
    });
    // Answered a moment later, as a route would be: meanwhile more of the body may arrive.
    req.on("end", () => setTimeout(() => res.end(JSON.stringify({ bytes, proto: requestProtocol(req), forwardedHost: req.headers["x-forwarded-host"] ?? null })), 50));
  });
  onCheckContinue(server, (req, res) => server.emit("request", req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
  SESSION = { cookie: "session=abc", origin: `http://127.0.0.1:${port}` };
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(() => {
  delete process.env.TRUST_PROXY;
  delete process.env.ALLOWED_HOSTS;
});

interface Sent {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  /** Chunks written without a Content-Length (chunked), or one body with its length. */
  chunks?: Buffer[];
  body?: string;
}

function send(s: Sent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path: s.path, method: s.method ?? "POST", headers: s.headers }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode!, body: text }));
    });
    // The server may answer and close before the whole body is sent.
    req.on("error", (err: NodeJS.ErrnoException) => (err.code === "ECONNRESET" || err.code === "EPIPE" ? undefined : reject(err)));
    if (s.body !== undefined) req.end(s.body);
    else {
      for (const c of s.chunks ?? []) req.write(c);
      req.end();
    }
  });
}

let SESSION: Record<string, string> = {};
const megabytes = (n: number) => Array.from({ length: n * 16 }, () => Buffer.alloc(65536, 0x20));

describe("writes at the front door", () => {
  it("401 for a write without a session, before its body is read; signing in needs none", async () => {
    const before = reads;
    const res = await send({ path: "/api/users", chunks: megabytes(8) });
    expect(res.status).toBe(401);
    expect(reads).toBe(before);
    expect((await send({ path: "/api/session", body: '{"name":"a"}' })).status).toBe(200);
  });

  it("lets anyone send the importer's geocoding batch (a read sent as POST), up to the geocoder's own limit", async () => {
    const batch = JSON.stringify({ queries: Array.from({ length: 500 }, (_, i) => ({ text: `Place ${i}`, admin1: "Some province", country: "Somewhere" })) });
    expect(batch.length).toBeGreaterThan(SMALL_BODY);
    const res = await send({ path: "/api/geocode", body: batch, headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(batch)) } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).bytes).toBe(Buffer.byteLength(batch));
    // A longer one is cut one byte past the limit, for the route to answer 413.
    const cut = await send({ path: "/api/geocode", chunks: megabytes(2) });
    expect(JSON.parse(cut.body).bytes).toBe(MAX_BATCH_BYTES + 1);
  });

  it("leaves a write the route does not take to the gate (405), and every read alone", async () => {
    expect((await send({ path: "/api/incidents", body: "{}" })).status).toBe(200);
    expect((await send({ path: "/api/nothing-here", body: "{}" })).status).toBe(200);
    expect((await send({ path: "/api/users", method: "GET" })).status).toBe(200);
  });

  it("a client waiting for leave to send its body (Expect: 100-continue) gets the refusal and never sends it", async () => {
    const answer = await postExpectingContinue({ host: "127.0.0.1", port, path: "/api/users" }, { "transfer-encoding": "chunked" });
    expect(answer).toEqual({ status: 401, continued: false });
  });

  it("a large body refused at once still gets its answer, not a reset", async () => {
    const res = await send({ path: "/api/datasets", chunks: megabytes(64) });
    expect(res.status).toBe(401);
  });

  it("403 for a write from another site, before its body is read", async () => {
    const before = reads;
    const res = await send({ path: "/api/datasets", headers: { ...SESSION, origin: "https://evil.example" }, chunks: megabytes(2) });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).field).toBe("Origin");
    expect(reads).toBe(before);
  });

  it("413 by Content-Length over the route's own limit", async () => {
    const res = await send({ path: "/api/users", headers: { ...SESSION, "content-length": String(SMALL_BODY + 1) }, body: "x".repeat(SMALL_BODY + 1) });
    expect([res.status, JSON.parse(res.body)]).toEqual([413, { error: `body: larger than the limit of ${SMALL_BODY} bytes`, field: "body" }]);
    expect((await send({ path: "/api/users", headers: SESSION, body: "x".repeat(SMALL_BODY) })).status).toBe(200);
  });

  it("cuts a chunked body one byte past the route's limit, so the route sees it is too long", async () => {
    const res = await send({ path: "/api/users", headers: SESSION, chunks: megabytes(4) });
    expect(JSON.parse(res.body).bytes).toBe(SMALL_BODY + 1);
    expect(pushedAfterEnd).toBe(0);
    const small = await send({ path: "/api/users", headers: SESSION, chunks: [Buffer.from("{"), Buffer.from("}")] });
    expect(JSON.parse(small.body).bytes).toBe(2);
  });
});

describe("forwarded headers and hosts", () => {
  it("ignores a client's X-Forwarded-Proto and -Host without TRUST_PROXY, believes them with it", async () => {
    const headers = { "x-forwarded-proto": "https", "x-forwarded-host": "evil.example" };
    expect(JSON.parse((await send({ path: "/", method: "GET", headers })).body)).toEqual({ bytes: 0, proto: "http:", forwardedHost: null });
    process.env.TRUST_PROXY = "1";
    expect(JSON.parse((await send({ path: "/", method: "GET", headers })).body)).toEqual({ bytes: 0, proto: "https:", forwardedHost: "evil.example" });
  });

  it("answers 421 to a host not in ALLOWED_HOSTS", async () => {
    process.env.ALLOWED_HOSTS = `map.example.org, 127.0.0.1:${port}`;
    expect((await send({ path: "/", method: "GET" })).status).toBe(200);
    const res = await send({ path: "/", method: "GET", headers: { host: "evil.example" } });
    expect([res.status, JSON.parse(res.body).field]).toEqual([421, "Host"]);
  });
});
