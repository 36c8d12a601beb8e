// Excel .xlsx → Source, through read-excel-file (its universal entry: no DOM, no Node APIs, no workers of
// its own). The zip directory is checked before anything expands. Every sheet is listed; the chosen one,
// else the first with data, is read: its first row names the columns, an HXL row may follow, numbers stay
// numbers and date cells become ISO days.
import readXlsxFile from "read-excel-file/universal";
import { ImportError } from "../errors";
import type { ImportLimits } from "../limits";
import { countedBatches, firstRecords, type RowOutcome } from "./batch";
import { nameColumns } from "./header";
import { isHxlRow } from "./table";
import { SAMPLE_ROWS, type ReadSourceOptions, type Source } from "./types";
import { checkZipSizes, zipEntries } from "./zip";

type Cell = string | number | boolean | Date | null;

/** A date cell as an ISO day, or a date-time when the cell holds a time of day (read as written, no zone). */
export function isoOfDate(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19);
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

export interface XlsxContext {
  fileName: string;
  limits: ImportLimits;
  options: ReadSourceOptions;
}

export async function readXlsx(bytes: Uint8Array, ctx: XlsxContext): Promise<Source> {
  const { limits } = ctx;
  checkZipSizes(zipEntries(bytes), { maxExpanded: limits.maxXlsxExpandedBytes, maxRatio: limits.maxZipRatio });
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let sheets: { sheet: string; data: Cell[][] }[];
  try {
    sheets = (await readXlsxFile(buffer, { trim: false })) as unknown as { sheet: string; data: Cell[][] }[];
  } catch (err) {
    throw new ImportError("file", ctx.fileName, `the workbook could not be read (${err instanceof Error ? err.message : String(err)})`);
  }
  const names = sheets.map((s) => s.sheet);
  const hasData = (data: Cell[][]) => data.some((row) => row.some((v) => !blank(v)));
  let chosen;
  if (ctx.options.sheet !== undefined) {
    chosen = sheets.find((s) => s.sheet === ctx.options.sheet);
    if (!chosen) throw new ImportError("sheet", ctx.options.sheet, `no such sheet; the workbook has ${names.map((n) => `"${n}"`).join(", ")}`);
  } else {
    chosen = sheets.find((s) => hasData(s.data));
    if (!chosen) throw new ImportError("file", ctx.fileName, "every sheet of the workbook is empty: nothing to import");
  }
  const warnings: string[] = [];
  if (ctx.options.sheet === undefined && sheets.length > 1) warnings.push(`the workbook has ${sheets.length} sheets; "${chosen.sheet}" was read (choose another in the mapping step)`);
  // Rows above the header that are wholly empty are not the header.
  const rows = chosen.data;
  let top = 0;
  while (top < rows.length && rows[top].every(blank)) top++;
  if (top >= rows.length) throw new ImportError("sheet", chosen.sheet, "the sheet is empty: nothing to import");
  const headerRow = rows[top].map((v) => (v === null ? "" : v instanceof Date ? isoOfDate(v) : String(v)));
  if (headerRow.length > limits.maxColumns) throw new ImportError("header", `${headerRow.length} columns`, `more than ${limits.maxColumns} columns`);
  let hxlAt = -1;
  for (let i = top + 1; i < Math.min(rows.length, top + 5); i++) {
    if (rows[i].every((v) => v === null || typeof v === "string") && isHxlRow(rows[i].map((v) => (v === null ? "" : String(v))))) {
      hxlAt = i;
      break;
    }
  }
  const data = rows.slice(top + 1).filter((_, i) => i + top + 1 !== hxlAt);
  if (data.length > limits.maxRows) throw new ImportError("sheet", `${data.length} rows`, `more than ${limits.maxRows} data rows; split the sheet`);
  // Unnamed columns at the end that no row fills are dropped, as in CSV.
  const filled = data.reduce((w, r) => {
    let n = r.length;
    while (n > 0 && blank(r[n - 1])) n--;
    return Math.max(w, n);
  }, 0);
  let width = Math.max(headerRow.length, filled);
  while (width > 0 && blank(headerRow[width - 1]) && width > filled) width--;
  if (width > limits.maxColumns) throw new ImportError("sheet", `${width} columns`, `rows have more than ${limits.maxColumns} cells`);
  const header = nameColumns(headerRow, width);
  warnings.push(...header.warnings);
  const cellOf = header.index; // per column, its cell in the file's row
  const hxl = hxlAt === -1 ? undefined : cellOf.map((i) => (blank(rows[hxlAt][i]) ? null : String(rows[hxlAt][i]).trim()));
  if (hxl) warnings.push(`row ${hxlAt + 1} of the sheet holds HXL hashtags (${hxl.filter((t) => t !== null).slice(0, 3).join(", ")}${hxl.filter((t) => t !== null).length > 3 ? ", …" : ""}); it was read as tags, not as data`);

  let dates = false;
  const cell = (v: Cell | undefined): unknown => {
    if (v === null || v === undefined) return "";
    if (v instanceof Date) {
      dates = true;
      return isoOfDate(v);
    }
    return v;
  };
  // Sheet rows are numbered from the header; the data row's line is its row number in the sheet.
  const lineOf = (n: number) => {
    const sheetIndex = top + 1 + n + (hxlAt !== -1 && top + 1 + n >= hxlAt ? 1 : 0);
    return sheetIndex + 1;
  };
  function* rowOutcomes(): Generator<RowOutcome> {
    for (let n = 0; n < data.length; n++) {
      const r = data[n];
      if (r.every(blank)) {
        yield null;
        continue;
      }
      yield { record: { row: n + 1, line: lineOf(n), values: cellOf.map((i) => cell(r[i])) } };
    }
  }
  const sample = firstRecords(rowOutcomes(), SAMPLE_ROWS);
  // Warnings about the whole sheet: it is in memory already.
  let emptyRows = 0;
  for (const r of rowOutcomes()) if (r === null) emptyRows++;
  if (dates) warnings.push("dates in Excel date cells were read as calendar days (YYYY-MM-DD, no time zone)");
  if (emptyRows > 0) warnings.push(`${emptyRows} empty ${emptyRows === 1 ? "row was" : "rows were"} skipped`);
  return {
    format: "xlsx",
    fileName: ctx.fileName,
    byteLength: bytes.byteLength,
    sheets: names,
    sheet: chosen.sheet,
    columns: header.columns,
    ...(hxl ? { hxl } : {}),
    hasGeometry: false,
    totalHint: data.length - emptyRows,
    sample,
    warnings,
    batches: () => countedBatches(rowOutcomes(), data.length),
  };
}
