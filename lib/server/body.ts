// Request bodies read within a size limit, and the error a route throws to answer other than 2xx. No
// database or session imports: a route that only reads a body (POST /api/geocode) loads nothing more.
import "server-only";
import { MAX_WRITE_BYTES } from "./write-limit";

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

// @option MAX_JSON_DEPTH: number = 64 levels of arrays and objects; a GeoJSON MultiPolygon needs 4 inside its feature
export const MAX_JSON_DEPTH = 64;

/**
 * The deepest nesting of arrays and objects in JSON text (brackets inside strings do not count), read a
 * chunk at a time as a body arrives, so a large body's scan never blocks in one piece.
 */
export class Nesting {
  /** The deepest level so far (it stops counting past MAX_JSON_DEPTH). */
  deepest = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;

  push(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length && this.deepest <= MAX_JSON_DEPTH; i++) {
      const byte = bytes[i];
      if (this.escaped) this.escaped = false;
      else if (this.inString) {
        if (byte === 0x5c) this.escaped = true;
        else if (byte === 0x22) this.inString = false;
      } else if (byte === 0x22) this.inString = true;
      else if (byte === 0x5b || byte === 0x7b) {
        if (++this.depth > this.deepest) this.deepest = this.depth;
      } else if (byte === 0x5d || byte === 0x7d) this.depth--;
    }
  }
}

/** The deepest nesting of arrays and objects in JSON text (Nesting, whole), stopping past MAX_JSON_DEPTH. */
export function nesting(bytes: Uint8Array): number {
  const scan = new Nesting();
  scan.push(bytes);
  return scan.deepest;
}

/** The request's JSON body (undefined when empty): 413 over `max` bytes (by Content-Length, then while reading), 400 when it is not JSON or nested too deep. */
export async function readJsonBody(request: Request, max = MAX_WRITE_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) throw tooLarge(max);
  const chunks: Uint8Array[] = [];
  const depth = new Nesting();
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => {});
        throw tooLarge(max);
      }
      chunks.push(value);
      depth.push(value);
    }
  }
  const bytes = Buffer.concat(chunks);
  // JSON.parse would take any depth; what walks the value afterwards (validation, logging) would overflow its stack.
  if (depth.deepest > MAX_JSON_DEPTH) throw new ApiError(400, `body: arrays and objects nested deeper than ${MAX_JSON_DEPTH} levels`, "body");
  const text = bytes.toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError(400, `body: not JSON (${(err as Error).message.slice(0, 120)})`, "body");
  }
}

/** The body as a JSON object, 400 otherwise. */
export async function readObject(request: Request, max = MAX_WRITE_BYTES): Promise<Record<string, unknown>> {
  const body = await readJsonBody(request, max);
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ApiError(400, `body: must be a JSON object (it is ${Array.isArray(body) ? "an array" : JSON.stringify(body)?.slice(0, 40)})`, "body");
  return body as Record<string, unknown>;
}
