// lib/server/api.ts: a write's body is refused 413 over the limit, by Content-Length before reading or while
// reading a body that does not declare its length, and 400 when it is not JSON.
import { describe, expect, it, vi } from "vitest";
import { format } from "node:util";
import { ApiError, MAX_JSON_DEPTH, handle, readJsonBody, readObject } from "@/lib/server/api";
import { Nesting, nesting } from "@/lib/server/body";
import { turnsDuring } from "../support/turns";

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

  it("answers a save's body as JSON.parse would, whatever its shape: keys in any order, duplicates (the last wins), a collection that is not one", async () => {
    const bodies = [
      '{"collection":{"features":[{"id":1}],"type":"FeatureCollection"},"visibility":"public","name":"A"}',
      '{"name":"A","collection":{"features":[1]},"collection":{"type":"FeatureCollection","features":[{"id":2},{"id":3}]}}',
      '{"name":"A","collection":[{"features":[]}]}',
      '{"name":"A","collection":{"type":"FeatureCollection","features":{"0":{"id":1}}}}',
      '{"name":"A","collection":"none","features":[{"id":1}]}',
    ];
    for (const text of bodies) {
      const cut = [text.slice(0, 17), text.slice(17, 40), text.slice(40)];
      expect(JSON.stringify(await readObject(chunked(cut), 1000))).toBe(JSON.stringify(JSON.parse(text)));
    }
    const list = await refusal(readObject(chunked(['[{"collection":', "{}}]"]), 1000));
    expect(list.message).toBe("body: must be a JSON object (it is an array)");
  });

  it("400 names the byte of the whole body where it stops being JSON, inside a feature too", async () => {
    const text = '{"name":"A","collection":{"type":"FeatureCollection","features":[{"id":1},{"id":1 2}]}}';
    const err = await refusal(readJsonBody(chunked([text.slice(0, 50), text.slice(50)]), 1000));
    expect([err.status, err.field]).toEqual([400, "body"]);
    expect(err.message).toMatch(/^body: not JSON \(at byte \d+: /);
    const at = Number(/at byte (\d+)/.exec(err.message)![1]);
    expect(text.slice(at - 8, at + 2)).toBe('{"id":1 2}');
  });

  it("lets other requests through while a body is parsed: a turn between chunks, and within a large one", async () => {
    const feature = JSON.stringify({ type: "Feature", properties: { note: "x".repeat(900) }, geometry: { type: "Point", coordinates: [36, 32] } });
    const text = `{"collection":{"type":"FeatureCollection","features":[${Array(400).fill(feature).join(",")}]}}`;
    // Every step seems to take a whole slice: each chunk (and each 64 KiB of one) gives other work a turn.
    const { result: body, turns } = await turnsDuring(() => readJsonBody(chunked([text.slice(0, 1000), text.slice(1000, 2000), text.slice(2000)]), 1_000_000));
    expect((body as { collection: { features: unknown[] } }).collection.features).toHaveLength(400);
    // 2 small chunks and ~370 KB in one: at least 2 + 5 turns.
    expect(turns).toBeGreaterThanOrEqual(2 + Math.floor((text.length - 2000) / 65_536));
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
