// Sources built by hand, standing in for lib/import/source's readers in the mapping step's tests.
import type { Geometry } from "geojson";
import type { Source, SourceFormat, SourceRecord } from "@/lib/import/source/types";

export interface SourceSpec {
  format?: SourceFormat;
  fileName?: string;
  hxl?: (string | null)[];
  /** Feature formats: one geometry per row (null for a feature without one). */
  geometries?: (Geometry | null)[];
  warnings?: string[];
  /** Records per batch handed out by batches(). */
  batchSize?: number;
}

/** A Source over `rows` (values aligned with `columns`); feature formats when `geometries` is given. */
export function sourceOf(columns: string[], rows: unknown[][], spec: SourceSpec = {}): Source {
  const hasGeometry = spec.geometries !== undefined;
  const records: SourceRecord[] = rows.map((values, i) => ({
    row: i + 1,
    ...(hasGeometry ? { geometry: spec.geometries?.[i] ?? null } : { line: i + 2 }),
    values,
  }));
  const size = spec.batchSize ?? 1000;
  return {
    format: spec.format ?? (hasGeometry ? "geojson" : "csv"),
    fileName: spec.fileName ?? "test",
    byteLength: JSON.stringify(rows).length,
    encoding: { name: "utf-8", basis: "utf-8", alternatives: [] },
    columns,
    ...(spec.hxl ? { hxl: spec.hxl } : {}),
    hasGeometry,
    totalHint: records.length,
    sample: records.slice(0, 200),
    warnings: spec.warnings ?? [],
    *batches() {
      for (let i = 0; i < records.length; i += size) {
        yield { records: records.slice(i, i + size), rejected: [], fraction: Math.min(1, (i + size) / records.length) };
      }
    },
  };
}

/** A CSV-like Source from text lines split on `sep` (no quoting: test data only). */
export function csvSource(text: string, sep = ","): Source {
  const [header, ...lines] = text.trim().split("\n");
  return sourceOf(header.split(sep), lines.map((l) => l.split(sep)));
}
