// lib/server/gate.ts: what a request gets before Next routes it (issue 17's paths and methods).
import { describe, expect, it } from "vitest";
import { gate, type GateDecision } from "@/lib/server/gate";
import { cutShell, stampNonce } from "@/lib/server/page-shell";

const answered = (d: GateDecision) => {
  if (d.kind !== "answer") throw new Error(`expected an answer, got ${d.kind}`);
  return { ...d, json: d.body && d.headers["content-type"] === "application/json" ? JSON.parse(d.body) : null };
};

describe("gate", () => {
  it.each(["%zz", "%", "%ff%fe", "%C0%80", "%ED%A0%80"])("a path segment %s that does not decode: 400 naming it, JSON under /api", (seg) => {
    const a = answered(gate("GET", `/api/basemap/${seg}`));
    expect(a.status).toBe(400);
    expect(a.json.error).toContain(JSON.stringify(seg));
    const page = answered(gate("GET", `/x/${seg}`));
    expect(page.status).toBe(400);
    expect(page.headers["content-type"]).toMatch(/^text\/plain/);
  });

  it.each(["/api/nope", "/api%2fincidents", "/api/incidents/", "/API/incidents", "/api"])("%s: JSON 404, not cacheable", (path) => {
    const a = answered(gate("GET", path));
    expect(a.status).toBe(404);
    expect(a.headers["cache-control"]).toBe("no-store");
    expect(a.json.error).toMatch(/^no API route/);
  });

  it("lets reads of the API routes through, and answers every write 405 with Allow and JSON", () => {
    for (const path of ["/api/incidents", "/api/incidents/columns", "/api/basemap/towns"]) {
      expect(gate("GET", path).kind).toBe("next");
      expect(gate("HEAD", path).kind).toBe("next");
      for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
        const a = answered(gate(method, path));
        expect(a.status).toBe(405);
        expect(a.headers.allow).toBe("GET, HEAD, OPTIONS");
        expect(a.json.error).toMatch(new RegExp(`^method ${method}`));
      }
    }
  });

  it("lets the geocoder's reads and its batch POST through, and answers other writes 405", () => {
    for (const method of ["GET", "HEAD", "POST"]) expect(gate(method, "/api/geocode").kind).toBe("next");
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const a = answered(gate(method, "/api/geocode"));
      expect(a.status).toBe(405);
      expect(a.headers.allow).toBe("GET, HEAD, POST, OPTIONS");
    }
  });

  it("serves the page only for GET and HEAD; OPTIONS says what is allowed", () => {
    expect(gate("GET", "/").kind).toBe("page");
    expect(gate("HEAD", "/").kind).toBe("page");
    expect(answered(gate("POST", "/")).status).toBe(405);
    const options = answered(gate("OPTIONS", "/"));
    expect(options.status).toBe(204);
    expect(options.headers.allow).toBe("GET, HEAD, OPTIONS");
    expect(gate("GET", "/nope").kind).toBe("document");
    expect(gate("GET", "/_next/data/x.json").kind).toBe("next");
  });

  it.each([
    ["/api/session", "GET, HEAD, POST, DELETE, OPTIONS"],
    ["/api/users", "GET, HEAD, POST, OPTIONS"],
    ["/api/users/amira", "PATCH, OPTIONS"],
    ["/api/datasets", "GET, HEAD, POST, OPTIONS"],
    ["/api/datasets/my-set", "GET, HEAD, PATCH, DELETE, OPTIONS"],
    ["/api/datasets/my-set/incidents", "POST, OPTIONS"],
    ["/api/datasets/my-set/links", "POST, DELETE, OPTIONS"],
    ["/api/datasets/my-set/shares", "PUT, OPTIONS"],
  ])("lets %s's own methods through (%s), answers others 405 with Allow, and offers no CORS preflight", (path, allow) => {
    const methods = allow.split(", ").filter((m) => m !== "OPTIONS");
    for (const method of methods) expect(gate(method, path).kind).toBe("next");
    for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"].filter((m) => !methods.includes(m))) {
      const a = answered(gate(method, path));
      expect(a.status).toBe(405);
      expect(a.headers.allow).toBe(allow);
    }
    const options = answered(gate("OPTIONS", path));
    expect(options.status).toBe(204);
    expect(options.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it.each(["/api/datasets/a/b", "/api/users/a/b", "/api/datasets/a/incidents/x", "/api/sessions"])("%s: JSON 404", (path) => {
    expect(answered(gate("POST", path)).status).toBe(404);
  });

  it("answers an API preflight for GET from any origin, without credentials", () => {
    const a = answered(gate("OPTIONS", "/api/incidents"));
    expect(a.status).toBe(204);
    expect(a.headers["access-control-allow-origin"]).toBe("*");
    expect(a.headers["access-control-allow-methods"]).toBe("GET, HEAD");
    expect(a.headers["access-control-allow-credentials"]).toBeUndefined();
  });
});

describe("stampNonce", () => {
  it("puts the nonce on every script and link tag and changes nothing else", () => {
    const html = '<html><head><link rel="stylesheet" href="/a.css"/><script src="/a.js" async=""></script></head><body><p>&lt;script&gt;</p><script>self.__next_f.push([1,"\\u003cscript"])</script><scripts-not-a-tag></scripts-not-a-tag></body></html>';
    const out = stampNonce(cutShell(html), "N0");
    expect(out.match(/nonce="N0"/g)).toHaveLength(3);
    expect(out.replace(/ nonce="N0"/g, "")).toBe(html);
    expect(out).toContain('<script nonce="N0">self.__next_f');
    expect(out).toContain("<scripts-not-a-tag>");
  });
});
