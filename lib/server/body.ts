// Request bodies read within a size limit, and the error a route throws to answer other than 2xx. No
// database or session imports: a route that only reads a body (POST /api/geocode) loads nothing more.
import "server-only";
import { MAX_WRITE_BYTES } from "./write-limit";
import { JsonPieces } from "./json-pieces";
import { MAX_JSON_DEPTH } from "./json-nesting";
import { Slice } from "./slices";

/** An answer other than 2xx, thrown from a route's work and turned into JSON by `handle`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The 413 answer's words, the same from the door (write-door.ts, by Content-Length) and from a route reading the body. */
export const tooLargeMessage = (max: number) => `body: larger than the limit of ${max} bytes${max >= 1048576 ? ` (${Math.round(max / 1048576)} MiB)` : ""}`;
const tooLarge = (max: number) => new ApiError(413, tooLargeMessage(max), "body");

export { MAX_JSON_DEPTH, Nesting, nesting } from "./json-nesting";

/** 413 when the request's Content-Length is over `max`, before any of it is read. */
export function refuseDeclaredSize(request: Request, max: number): void {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) throw tooLarge(max);
}

/** 413 for a body found longer than `max` while reading it: the rest is not read. */
async function refuseRead(reader: ReadableStreamDefaultReader<Uint8Array>, max: number): Promise<never> {
  await reader.cancel().catch(() => {});
  throw tooLarge(max);
}

/** The request body's chunks as they arrive: 413 over `max` bytes, by Content-Length before any is read, then while reading. */
export async function* bodyChunks(request: Request, max: number): AsyncGenerator<Uint8Array<ArrayBuffer>, void, void> {
  refuseDeclaredSize(request, max);
  if (!request.body) return;
  const reader = request.body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    size += value.byteLength;
    if (size > max) await refuseRead(reader, max);
    yield value;
  }
}

// @option READ_STEP_BYTES: number = 65,536, the most of a chunk parsed before checking whether others are due a turn
const READ_STEP_BYTES = 65_536;

/** The request's JSON body (undefined when empty): 413 over `max` bytes (by Content-Length, then while reading), 400 when it is not JSON or nested too deep. */
export async function readJsonBody(request: Request, max = MAX_WRITE_BYTES): Promise<unknown> {
  // Parsed as it arrives, a piece at a time, other requests served between slices: one JSON.parse of a
  // saved collection's whole body took seconds.
  const json = new JsonPieces();
  const slice = new Slice();
  for await (const value of bodyChunks(request, max)) {
    for (let at = 0; at < value.byteLength; at += READ_STEP_BYTES) {
      json.push(value.subarray(at, at + READ_STEP_BYTES));
      if (slice.spent) await slice.yield();
    }
  }
  return bodyValue(json);
}

/** The value of a body pushed whole into `json`: 400 when it is not JSON or nested too deep. */
export function bodyValue(json: JsonPieces): unknown {
  // JSON.parse would take any depth; what walks the value afterwards (validation, logging) would overflow its stack.
  if (json.deepest > MAX_JSON_DEPTH) throw new ApiError(400, `body: arrays and objects nested deeper than ${MAX_JSON_DEPTH} levels`, "body");
  try {
    return json.end();
  } catch (err) {
    throw new ApiError(400, `body: not JSON (${(err as Error).message.slice(0, 120)})`, "body");
  }
}

/** The body as a JSON object, 400 otherwise. */
export async function readObject(request: Request, max = MAX_WRITE_BYTES): Promise<Record<string, unknown>> {
  return bodyObject(await readJsonBody(request, max));
}

/** `body` as a JSON object, 400 otherwise. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ApiError(400, `body: must be a JSON object (it is ${Array.isArray(body) ? "an array" : JSON.stringify(body)?.slice(0, 40)})`, "body");
  return body as Record<string, unknown>;
}
