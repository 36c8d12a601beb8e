// lib/server/save-body.ts: a save's body read, checked and written as COPY text on a thread of its own gives the
// same answers and the same errors (status, field, message) as the same work on the server's thread (body.ts's
// readObject, dataset-input.ts's checks, lib/db/incidents.ts's insertIncidents), whatever the chunks.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ApiError, readObject } from "@/lib/server/body";
import { incidentCollection, newDatasetMetadata } from "@/lib/server/dataset-input";
import { withSaveBody } from "@/lib/server/save-body";
import { insertIncidentRows, insertIncidents } from "@/lib/db/incidents";
import type { Queryable } from "@/lib/db/types";
import { incident } from "../support/incidents";

const daraa = JSON.parse(readFileSync("geodata/incidents.geojson", "utf8"));
const UTF8 = new TextEncoder();

/** A POST whose body comes in chunks of `chunk` bytes (a request body's chunks are the network's). */
function post(text: string, chunk = 1000, headers: Record<string, string> = {}): Request {
  const bytes = UTF8.encode(text);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (let at = 0; at < bytes.length; at += chunk) c.enqueue(bytes.slice(at, at + chunk));
      c.close();
    },
  });
  return new Request("http://localhost/api/datasets", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

/** A store that keeps what COPY was given, one UTF-8 text per batch. */
function copyRecorder(): { tx: Queryable; copies: string[] } {
  const copies: string[] = [];
  const tx: Queryable = {
    async query<R>(text: string) {
      const row = text.includes("has_parameter_privilege") ? { may: false } : text.includes("max(seq)") ? { next: 5 } : { one: 1 };
      return { rows: [row as R], rowCount: 1 };
    },
    async copyIn(_table, _columns, rows) {
      copies.push(typeof rows === "string" ? rows : new TextDecoder().decode(rows));
      return 0;
    },
  };
  return { tx, copies };
}

type Outcome = { error: [number, string | undefined, string] } | { metadata: unknown; notes: string[]; count: number; ids?: string[]; copies: string[] };

const refusal = (err: unknown): Outcome => {
  if (err instanceof ApiError) return { error: [err.status, err.field, err.message] };
  throw err;
};

/** The save as the routes did it on the server's thread. */
async function onThisThread(request: Request, max?: number): Promise<Outcome> {
  try {
    const body = await readObject(request, max);
    const metadata = newDatasetMetadata(body);
    const { collection, notes } = await incidentCollection(body);
    const { tx, copies } = copyRecorder();
    await insertIncidents(tx, 9, collection.features);
    return { metadata, notes, count: collection.features.length, ids: collection.features.map((f) => f.properties.event_id), copies };
  } catch (err) {
    return refusal(err);
  }
}

/** The same on the save thread. */
async function onSaveThread(request: Request, max?: number): Promise<Outcome> {
  try {
    return await withSaveBody(
      request,
      async (body) => {
        const metadata = newDatasetMetadata(body.fields);
        const { notes, count, ids, rows } = await body.collection(true);
        const { tx, copies } = copyRecorder();
        await insertIncidentRows(tx, 9, rows);
        return { metadata, notes, count, ids, copies };
      },
      max,
    );
  } catch (err) {
    return refusal(err);
  }
}

const save = (collection: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ name: "Field notes", visibility: "private", ...extra, collection });
const features = (...f: unknown[]) => ({ type: "FeatureCollection", features: f });

const CASES: [string, string][] = [
  ["a valid save of the Daraa dataset", save(daraa)],
  ["a valid save, a field with a tab, a newline and Arabic", save(features(incident({ notes: "a\tb\nc \\ درعا 🙂" }), incident({ event_id: "T-2" })))],
  ["3-D positions cut, with a note", save(features(incident({}, [36.1, 32.6, 400]), incident({ event_id: "T-2" }, [36.2, 32.7, 5])))],
  ["not JSON", '{"name": "x", "collection": [1, 2,, 3]}'],
  ["not JSON after the collection", save(features(incident())) + "x"],
  ["an empty body", ""],
  ["an array", "[1, 2]"],
  ["a number", "42"],
  ["nested too deep", `{"name": ${"[".repeat(70)}${"]".repeat(70)}}`],
  ["no name", JSON.stringify({ visibility: "private", collection: features(incident()) })],
  ["a bad visibility", save(features(incident()), { visibility: "everyone" })],
  ["no collection", JSON.stringify({ name: "x", visibility: "private" })],
  ["no incidents", save(features())],
  ["an invalid incident", save(features(incident(), incident({ event_id: "T-2", event_date: "2021-13-45" }), incident({ event_id: "T-3", geo_precision: 7 as never })))],
  ["a NUL", save(features(incident({ notes: "a\u0000b" })))],
  ["not a FeatureCollection", save({ type: "Feature" })],
];

describe("a save's body on the save thread", () => {
  it.each(CASES)("%s: the same answer or error as on the server's thread", async (_what, text) => {
    for (const chunk of [7, 65_536]) {
      const expected = await onThisThread(post(text, chunk));
      expect(await onSaveThread(post(text, chunk))).toEqual(expected);
    }
  });

  it("answers as the server's thread does (sanity: the cases above are both refusals and saves)", async () => {
    const outcomes = await Promise.all(CASES.map(([, text]) => onSaveThread(post(text))));
    expect(outcomes.filter((o) => "error" in o).length).toBe(CASES.length - 3);
    const daraaSave = outcomes[0] as { count: number; copies: string[] };
    expect(daraaSave.count).toBe(daraa.features.length);
    expect(daraaSave.copies.join("").split("\n").length - 1).toBe(daraa.features.length);
  });

  it("refuses a body over the limit, by Content-Length and while reading, as the server's thread does", async () => {
    const text = save(features(...Array.from({ length: 5 }, (_, i) => incident({ event_id: `T-${i}` }))));
    expect(text.length).toBeGreaterThan(1000);
    for (const headers of [{ "content-length": String(text.length) }, {}] as Record<string, string>[]) {
      const expected = await onThisThread(post(text, 100, headers), 1000);
      expect(expected).toMatchObject({ error: [413, "body", expect.stringContaining("1000")] });
      expect(await onSaveThread(post(text, 100, headers), 1000)).toEqual(expected);
    }
  });

  it("keeps saves apart: several at once each get their own incidents", async () => {
    const bodies = [1, 2, 3].map((n) => save(features(...Array.from({ length: 50 * n }, (_, i) => incident({ event_id: `S${n}-${i}` })))));
    const outcomes = await Promise.all(bodies.map((text) => onSaveThread(post(text, 333))));
    const expected = await Promise.all(bodies.map((text) => onThisThread(post(text, 333))));
    expect(outcomes).toEqual(expected);
    expect(outcomes.map((o) => ("count" in o ? o.count : 0))).toEqual([50, 100, 150]);
  });
});
