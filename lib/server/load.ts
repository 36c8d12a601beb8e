// Reads the project's GeoJSON from geodata/ once per server process and validates it where it enters;
// pages hand the result to client components as plain props.
import "server-only";
import { readFileSync, statSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import type { IncidentCollection } from "../incident/model";
import type { CheckpointCollection, SiegeCollection } from "../incident/context-layers";
import { gzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import { buildIncidentIndex, type IncidentIndex } from "./incident-index";
import { encodeColumns } from "../columns/encode";
import { placeIncidents, type PlacedIncident } from "../incident/place";
import { processCache } from "./process-cache";
import { assertIncidentCollection, featureCollectionIssues, GeoJSONValidationError } from "../incident/validate";
import { GEODATA_DIR } from "../geo/geodata";

// @option INCIDENTS_PATH: string (env) = "<GEODATA_DIR>/incidents.geojson"
// The incidents file the page and GET /api/incidents serve, absolute or relative to the working directory;
// set it to point a server at another dataset, e.g. 1M synthetic incidents for the API benchmark
// (`INCIDENTS_PATH=/tmp/incidents-1m.geojson next start`). Read once per process, at first use.
export const INCIDENTS_PATH_ENV = "INCIDENTS_PATH";

function incidentsPath(): string {
  const env = process.env[INCIDENTS_PATH_ENV];
  if (env === undefined || env === "") return join(GEODATA_DIR, "incidents.geojson");
  // The path comes from the environment at run time; the comment keeps Turbopack from tracing the whole
  // project into the server output because of it.
  return isAbsolute(env) ? env : resolve(/*turbopackIgnore: true*/ process.cwd(), env);
}

// V8 cannot hold a string longer than about 2^29 characters (512 MiB of ASCII), so a file larger than
// this is parsed feature by feature from its bytes (parseFeatureCollectionBytes) instead of as one string.
const MAX_ONE_STRING_BYTES = 256 * 1024 * 1024;

const cache = processCache("load", () => new Map<string, unknown>());

function readJsonPath(path: string): unknown {
  try {
    if (statSync(path).size > MAX_ONE_STRING_BYTES) return parseFeatureCollectionBytes(readFileSync(path));
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new Error(`Cannot read ${path}: ${(err as Error).message}`);
  }
}

function cached<T>(path: string, check: (json: unknown) => T): T {
  if (!cache.has(path)) cache.set(path, check(readJsonPath(path)));
  return cache.get(path) as T;
}

function assertCollection<T>(file: string) {
  return (json: unknown): T => {
    const issues = featureCollectionIssues(json);
    if (issues.length) throw new GeoJSONValidationError(issues, file);
    return json as T;
  };
}

// Validation (assertIncidentCollection) runs once, here, on the whole collection; the index built from it
// (loadIncidentIndex) and every API answer rely on it and do not validate again.
export const loadIncidents = (): IncidentCollection & { name?: string } => cached(incidentsPath(), assertIncidentCollection);
export const loadCheckpoints = (): CheckpointCollection =>
  cached(join(GEODATA_DIR, "checkpoints.geojson"), assertCollection<CheckpointCollection>("checkpoints.geojson"));
export const loadSiege = (): SiegeCollection => cached(join(GEODATA_DIR, "siege.geojson"), assertCollection<SiegeCollection>("siege.geojson"));

/** A value built once per incidents file per process (build runs at first use; the file is read once). */
function perDataset<T>(name: string, build: (path: string) => T): () => T {
  const built = processCache(name, () => new Map<string, T>());
  return () => {
    const path = incidentsPath();
    if (!built.has(path)) built.set(path, build(path));
    return built.get(path)!;
  };
}

/** The index over loadIncidents(), for GET /api/incidents. */
export const loadIncidentIndex = perDataset("indexes", (): IncidentIndex => buildIncidentIndex(loadIncidents().features));

/**
 * A tag for the incidents this process serves (they are read once, so the tag holds while it runs):
 * a hash of the file's path, size and modification time when first asked, for the API's ETags.
 */
export const loadDatasetTag = perDataset("tags", (path): string => {
  loadIncidents();
  const { size, mtimeMs } = statSync(/*turbopackIgnore: true*/ path);
  return createHash("sha256").update(`${path}\0${size}\0${mtimeMs}`).digest("base64url").slice(0, 16);
});

/** loadIncidents(), placed for the map (lib/incident/place.ts). */
export const loadPlacedIncidents = perDataset("placed", (): PlacedIncident[] => placeIncidents(loadIncidents().features));

/**
 * The whole dataset as gzipped incident columns (lib/columns/), how the page loads it, with an entity tag
 * (a hash of the bytes): encoded, compressed and hashed once per process, then every request is these
 * bytes or a 304.
 */
export const loadIncidentColumns = perDataset("columns", (): { body: Uint8Array<ArrayBuffer>; etag: string } => {
  const gz = gzipSync(encodeColumns(loadPlacedIncidents()));
  const body = new Uint8Array(gz.buffer.slice(gz.byteOffset, gz.byteOffset + gz.byteLength));
  return { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
});

// ---------------------------------------------------------------------------------------------------
// A FeatureCollection too large for one string: a byte scanner finds where each member of the root
// object and each element of its `features` array begins and ends, and JSON.parse reads each piece.
// JSON.parse still checks every piece's syntax; the scanner checks the punctuation between pieces, so a
// malformed file fails with the byte offset instead of parsing to something else.

const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c, COLON = 0x3a;
const OPEN_OBJ = 0x7b, CLOSE_OBJ = 0x7d, OPEN_ARR = 0x5b, CLOSE_ARR = 0x5d;
// As JSON.parse does: an own data property even for "__proto__", and the last of duplicate names wins.
const define = (o: object, key: string, value: unknown) =>
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * Parses a JSON object from UTF-8 bytes with the elements of its `features` array parsed one at a time,
 * so its total size may exceed the longest string V8 allows. The result equals JSON.parse of the text.
 * @throws SyntaxError naming the byte offset
 */
export function parseFeatureCollectionBytes(bytes: Uint8Array): unknown {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (at: number, what: string): never => {
    throw new SyntaxError(`JSON: ${what} at byte ${at}`);
  };
  let pos = 0;
  const skip = () => {
    while (pos < buf.length && isSpace(buf[pos])) pos++;
  };
  const expect = (byte: number) => {
    skip();
    if (buf[pos] !== byte) fail(pos, `expected ${JSON.stringify(String.fromCharCode(byte))}`);
    pos++;
  };
  // End (exclusive) of the string starting at the quote at `at`.
  const stringEnd = (at: number): number => {
    let i = at + 1;
    for (;;) {
      const q = buf.indexOf(QUOTE, i);
      if (q < 0) return fail(at, "unterminated string");
      let slashes = 0;
      for (let k = q - 1; k > at && buf[k] === BACKSLASH; k--) slashes++;
      if (slashes % 2 === 0) return q + 1;
      i = q + 1;
    }
  };
  // End (exclusive) of the value starting at `at` (a non-space byte).
  const valueEnd = (at: number): number => {
    const b = buf[at];
    if (b === QUOTE) return stringEnd(at);
    if (b === OPEN_OBJ || b === OPEN_ARR) {
      let depth = 0;
      for (let i = at; i < buf.length; i++) {
        const c = buf[i];
        if (c === QUOTE) i = stringEnd(i) - 1;
        else if (c === OPEN_OBJ || c === OPEN_ARR) depth++;
        else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
          if (--depth === 0) return i + 1;
        }
      }
      return fail(at, "unterminated object or array");
    }
    let i = at;
    while (i < buf.length && !isSpace(buf[i]) && buf[i] !== COMMA && buf[i] !== CLOSE_OBJ && buf[i] !== CLOSE_ARR) i++;
    return i;
  };
  const parseSlice = (from: number, to: number): unknown => {
    try {
      return JSON.parse(buf.toString("utf8", from, to));
    } catch (err) {
      return fail(from, (err as Error).message);
    }
  };

  const root: Record<string, unknown> = {};
  expect(OPEN_OBJ);
  skip();
  if (buf[pos] === CLOSE_OBJ) pos++;
  else {
    for (;;) {
      skip();
      if (buf[pos] !== QUOTE) fail(pos, "expected a member name");
      const keyEnd = stringEnd(pos);
      const key = parseSlice(pos, keyEnd) as string;
      pos = keyEnd;
      expect(COLON);
      skip();
      if (key === "features" && buf[pos] === OPEN_ARR) {
        const features: unknown[] = [];
        pos++;
        skip();
        if (buf[pos] === CLOSE_ARR) pos++;
        else {
          for (;;) {
            skip();
            const end = valueEnd(pos);
            features.push(parseSlice(pos, end));
            pos = end;
            skip();
            if (buf[pos] === COMMA) pos++;
            else if (buf[pos] === CLOSE_ARR) {
              pos++;
              break;
            } else fail(pos, "expected , or ] in features");
          }
        }
        define(root, key, features);
      } else {
        const end = valueEnd(pos);
        define(root, key, parseSlice(pos, end));
        pos = end;
      }
      skip();
      if (buf[pos] === COMMA) pos++;
      else if (buf[pos] === CLOSE_OBJ) {
        pos++;
        break;
      } else fail(pos, "expected , or }");
    }
  }
  skip();
  if (pos !== buf.length) fail(pos, "unexpected data after the end of the document");
  return root;
}
