// JSON records (a top-level array of plain objects, TimeMap/datasheet style, or the array under a `data`
// or `events` member as ACLED's API returns it) → Source: one column per key (union in first-seen order),
// values kept as JSON values, nested objects and arrays included.
import { showValue } from "../../incident/validate";
import { countedBatches, firstRecords, type RowOutcome } from "./batch";
import { SAMPLE_ROWS, type Source } from "./types";
import { isObject, unionColumns, type JsonContext } from "./union";

/** One JSON record → its values in column order, or a rejection when it is not an object. */
export function readRecord(item: unknown, row: number, columns: readonly string[], line?: number): RowOutcome {
  const at = line === undefined ? {} : { line };
  if (!isObject(item)) return { rejected: { row, ...at, field: "record", value: showValue(item), message: "must be an object of named fields" } };
  return { record: { row, ...at, values: columns.map((k) => (Object.prototype.hasOwnProperty.call(item, k) ? item[k] : undefined)) } };
}

export function readRecords(items: readonly unknown[], ctx: JsonContext): Source {
  const warnings = [...ctx.warnings];
  const columns = unionColumns(items, ctx.limits.maxColumns, warnings, "field");
  function* rowOutcomes(): Generator<RowOutcome> {
    for (let i = 0; i < items.length; i++) yield readRecord(items[i], i + 1, columns);
  }
  return {
    format: "json-records",
    fileName: ctx.fileName,
    byteLength: ctx.byteLength,
    encoding: ctx.encoding,
    columns,
    hasGeometry: false,
    totalHint: items.length,
    sample: firstRecords(rowOutcomes(), SAMPLE_ROWS),
    warnings,
    batches: () => countedBatches(rowOutcomes(), items.length),
  };
}
