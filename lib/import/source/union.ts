// Columns of JSON objects: the union of their keys in first-seen order, less keys that may not become
// property names (lib/import/keys.ts), within the column limit.
import { showValue } from "../../incident/validate";
import { ImportError } from "../errors";
import { unsafeKeyReason } from "../keys";
import type { ImportLimits } from "../limits";
import type { EncodingGuess } from "./types";

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export interface JsonContext {
  fileName: string;
  byteLength: number;
  encoding: EncodingGuess;
  warnings: string[];
  limits: ImportLimits;
}

/** Union of the objects' own keys; non-objects are skipped (their rows are rejected by the reader). */
export function unionColumns(objects: readonly unknown[], maxColumns: number, warnings: string[], word: "property" | "field"): string[] {
  const seen = new Set<string>();
  const dropped = new Map<string, string>();
  const columns: string[] = [];
  for (const o of objects) {
    if (!isObject(o)) continue;
    for (const key of Object.keys(o)) {
      if (seen.has(key)) continue;
      seen.add(key);
      const reason = unsafeKeyReason(key);
      if (reason) {
        dropped.set(key, reason);
        continue;
      }
      columns.push(key);
      if (columns.length > maxColumns) throw new ImportError("columns", `${columns.length} ${word === "property" ? "properties" : "fields"}`, `more than ${maxColumns} distinct ${word === "property" ? "properties" : "fields"}`);
    }
  }
  for (const [key, reason] of dropped) warnings.push(`${word} ${showValue(key)} was dropped: its name is ${reason}`);
  return columns;
}

export type { ImportLimits };
