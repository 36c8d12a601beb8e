// lib/server/api.ts: a write's body is refused 413 over the limit, by Content-Length before reading or while
// reading a body that does not declare its length, and 400 when it is not JSON.
import { describe, expect, it, vi } from "vitest";
import { format } from "node:util";
import { ApiError, MAX_JSON_DEPTH, handle, readJsonBody, readObject } from "@/lib/server/api";
import { Nesting, nesting } from "@/lib/server/body";

const chunked = (parts: string[]) =>
  new Request("http://x/api/datasets", {
    method: "POST",
    body: new ReadableStream({
      start(c) {
        for (const p of parts) c.enqueue(new TextEncoder().encode(p));
        c.close();
      },
    }),
    duplex: "half",
  } as RequestInit);

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe("request bodies", () => {
  it("413 by Content-Length, without reading", async () => {
    const req = new Request("http://x/", { method: "POST", body: "{}", headers: { "content-length": "999" } });
    const err = await refusal(readJsonBody(req, 100));
    expect([err.status, err.field, err.message]).toEqual([413, "body", "body: larger than the limit of 100 bytes"]);
    expect(req.bodyUsed).toBe(false);
  });

  it("413 while reading a body with no length", async () => {
    const err = await refusal(readJsonBody(chunked(['{"a":"', "x".repeat(60), "y".repeat(60), '"}']), 100));
    expect(err.status).toBe(413);
  });

  it("reads a body within the limit; 400 for text that is not JSON or not an object", async () => {
    expect(await readJsonBody(chunked(['{"a":', "[1,2]}"]), 100)).toEqual({ a: [1, 2] });
    expect(await readJsonBody(chunked([]), 100)).toBeUndefined();
    const notJson = await refusal(readJsonBody(chunked(["{nope"]), 100));
    expect([notJson.status, notJson.field]).toEqual([400, "body"]);
    expect(notJson.message).toMatch(/^body: not JSON \(/);
    const list = await refusal(readObject(chunked(["[1]"]), 100));
    expect(list.message).toBe("body: must be a JSON object (it is an array)");
  });

  it("400 for JSON nested deeper than MAX_JSON_DEPTH; brackets inside strings do not count", async () => {
    const deep = `${"[".repeat(50_000)}${"]".repeat(50_000)}`;
    const err = await refusal(readJsonBody(chunked([deep]), 1_000_000));
    expect([err.status, err.field, err.message]).toEqual([400, "body", `body: arrays and objects nested deeper than ${MAX_JSON_DEPTH} levels`]);
    const ok = `${"[".repeat(MAX_JSON_DEPTH)}"[[[{{"${"]".repeat(MAX_JSON_DEPTH)}`;
    expect(await readJsonBody(chunked([ok]), 1_000_000)).toBeInstanceOf(Array);
  });

  it("scans a body's nesting chunk by chunk as it arrives, wherever a chunk cuts a string or an escape", async () => {
    const text = `{"a":[{"b":"x\\\\\\"[[{\\"]"}],"c":[[["]]]\\""]]]}`;
    const bytes = Buffer.from(text);
    expect(nesting(bytes)).toBe(4);
    for (const size of [1, 2, 3, 7]) {
      const scan = new Nesting();
      for (let at = 0; at < bytes.length; at += size) scan.push(bytes.subarray(at, at + size));
      expect(scan.deepest, `chunks of ${size}`).toBe(4);
    }
    const deep = `${"[".repeat(MAX_JSON_DEPTH + 1)}${"]".repeat(MAX_JSON_DEPTH + 1)}`;
    const err = await refusal(readJsonBody(chunked(deep.split("")), 1_000));
    expect(err.message).toMatch(/nested deeper than/);
  });

  it("a failure is logged without the data the error carries (a database error's parameters and detail)", async () => {
    const logged: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(format(...args)));
    try {
      const err = Object.assign(new Error("duplicate key value violates unique constraint"), { code: "23505", detail: "Key (name)=(secret-value) already exists.", parameters: ["secret-value"] });
      const res = await handle(async () => {
        throw err;
      });
      expect(res.status).toBe(500);
    } finally {
      spy.mockRestore();
    }
    expect(logged.join("\n")).toContain("duplicate key value violates unique constraint");
    expect(logged.join("\n")).toContain("23505");
    expect(logged.join("\n")).not.toContain("secret-value");
  });
});
