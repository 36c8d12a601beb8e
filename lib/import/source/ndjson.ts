// Newline-delimited JSON (NDJSON, GeoJSON Lines, JSON Lines) → Source: one Feature or record per line,
// decoded and split as it streams. A first pass learns the columns (the union of every line's keys) and
// the count; batches() reads again. A line that is not JSON, or nests too deep, is rejected alone with its
// line number.
import { ImportError } from "../errors";
import { parseBoundedJson } from "../json";
import type { ImportLimits } from "../limits";
import { firstRecords, inBatches, type RowOutcome } from "./batch";
import { DECODE_CHUNK_BYTES, encodingWarnings, textChunks, type Resolved } from "./encoding";
import { featureColumns, lacksGeometry, missingGeometryWarning, readFeature } from "./features";
import { readRecord } from "./records";
import { SAMPLE_ROWS, type Source } from "./types";
import { isObject, unionColumns } from "./union";

export interface NdjsonContext {
  fileName: string;
  byteLength: number;
  resolved: Resolved;
  limits: ImportLimits;
}

// @option MAX_LINE_CHARS: number = 2^26, characters one line may hold (one Feature per line never needs more).
const MAX_LINE_CHARS = 1 << 26;

interface Line {
  /** 1-based record number (blank lines are not records). */
  row: number;
  line: number;
  parsed: { ok: true; value: unknown } | { ok: false; message: string; text: string };
}

/** The file's non-blank lines, parsed one by one; `progress()` is the share of characters reached. */
function lines(bytes: Uint8Array, ctx: NdjsonContext) {
  let reached = 0;
  let pulled = 0;
  let chunks = 0;
  function* parsedLines(): Generator<Line> {
    let rest = "";
    let line = 0;
    let row = 0;
    let consumed = 0;
    const one = function* (text: string): Generator<Line> {
      line++;
      consumed += text.length + 1;
      reached = consumed;
      const t = text.trim();
      if (t === "") return;
      row++;
      const json = parseBoundedJson(t, ctx.limits.maxJsonDepth);
      yield { row, line, parsed: json.ok ? json : { ok: false, message: json.message, text: t } };
    };
    for (const chunk of textChunks(bytes, ctx.resolved)) {
      pulled += chunk.length;
      chunks++;
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      if (rest.length > MAX_LINE_CHARS) throw new ImportError("file", `line ${line + parts.length + 1}`, `a line runs past ${MAX_LINE_CHARS} characters without a line break: this is not newline-delimited JSON`);
      for (const p of parts) yield* one(p);
    }
    if (rest !== "") yield* one(rest);
  }
  // The bytes decoded so far, scaled by the share of their text the lines have reached.
  const progress = () => (pulled === 0 ? 0 : Math.min(1, (chunks * DECODE_CHUNK_BYTES) / Math.max(1, bytes.length)) * Math.min(1, reached / pulled));
  return { parsedLines, progress };
}

export function readNdjson(bytes: Uint8Array, ctx: NdjsonContext): Source {
  const { limits } = ctx;
  let start = "";
  for (const chunk of textChunks(bytes, ctx.resolved)) {
    start = chunk.slice(0, 1 << 20);
    break;
  }
  const warnings = encodingWarnings(ctx.resolved, start);

  // First pass: how many lines, which kind, which keys.
  const objects: unknown[] = [];
  let count = 0;
  let first: unknown;
  let noGeometry = 0;
  const keys = new Set<string>();
  const pass = lines(bytes, ctx);
  for (const l of pass.parsedLines()) {
    count++;
    if (count > limits.maxRows) throw new ImportError("file", `${count} lines`, `more than ${limits.maxRows} records; split the file`);
    if (!l.parsed.ok || !isObject(l.parsed.value)) continue;
    first ??= l.parsed.value;
    if (lacksGeometry(l.parsed.value)) noGeometry++;
    // Only objects that bring a new key are kept for the column union.
    const obj = l.parsed.value;
    const props = isObject(obj.properties) ? obj.properties : obj;
    if (Object.keys(props).some((k) => !keys.has(k)) || (obj.id !== undefined && !keys.has("\u0000id"))) {
      for (const k of Object.keys(props)) keys.add(k);
      if (obj.id !== undefined) keys.add("\u0000id");
      objects.push(obj);
    }
  }
  if (count === 0) throw new ImportError("file", ctx.fileName, "the file holds no lines of JSON: nothing to import");
  const features = isObject(first) && (first.type === "Feature" || "geometry" in first);
  const strict = isObject(first) && first.type === "Feature";
  let columns: string[];
  let idColumn: string | undefined;
  if (features) {
    ({ columns, idColumn } = featureColumns(objects, limits.maxColumns, warnings));
    warnings.push(...missingGeometryWarning(noGeometry));
  } else columns = unionColumns(objects, limits.maxColumns, warnings, "field");

  function* rowOutcomes(source: Iterable<Line>): Generator<RowOutcome> {
    for (const l of source) {
      if (!l.parsed.ok) {
        yield { rejected: { row: l.row, line: l.line, field: "line", value: l.parsed.text.slice(0, 60), message: l.parsed.message } };
        continue;
      }
      yield features ? readFeature(l.parsed.value, l.row, columns, idColumn, strict, l.line) : readRecord(l.parsed.value, l.row, columns, l.line);
    }
  }
  return {
    format: "ndjson",
    fileName: ctx.fileName,
    byteLength: ctx.byteLength,
    encoding: ctx.resolved.encoding,
    columns,
    hasGeometry: features,
    totalHint: count,
    sample: firstRecords(rowOutcomes(lines(bytes, ctx).parsedLines()), SAMPLE_ROWS),
    warnings,
    batches() {
      const again = lines(bytes, ctx);
      return inBatches(rowOutcomes(again.parsedLines()), again.progress);
    },
  };
}
