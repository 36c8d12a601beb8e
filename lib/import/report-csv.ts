// The report as a file to fix: every row not imported or flagged, with the cells the file had (all its columns,
// in its order), then why, as CSV the user can correct and import again. Text cells are formula-escaped
// (formula.ts), which the importer undoes on the way back in.
import { escapeFormula } from "./formula";
import { textOf } from "./mapping/values";
import type { ImportReport } from "./types";

// @option REASON_COLUMNS: appended after the file's own columns; named so a re-import keeps them apart.
export const REASON_COLUMNS = ["import row", "import outcome", "import field", "import value", "import reason"] as const;

type Reason = { outcome: string; field: string; value: string; message: string };

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** One CSV cell: a plain number as it is, any other text formula-escaped, quoted when RFC 4180 needs it. */
function cell(value: unknown): string {
  const text = textOf(value);
  const safe = PLAIN_NUMBER.test(text) ? text : escapeFormula(text);
  return /[",;\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Every reason the report gives per row, rejections first. */
function reasonsByRow(report: ImportReport): Map<number, Reason[]> {
  const out = new Map<number, Reason[]>();
  const add = (row: number, r: Reason) => out.set(row, [...(out.get(row) ?? []), r]);
  for (const r of report.rejected) add(r.row, { outcome: "rejected", field: r.field, value: r.value, message: r.message });
  for (const a of report.ambiguous) add(a.row, { outcome: "rejected", field: "place", value: a.place, message: `ambiguous place: could be ${a.candidates.join(" or ")}` });
  for (const u of report.unresolved) add(u.row, { outcome: "rejected", field: "place", value: u.place, message: "the geocoder does not know this place" });
  for (const f of report.flagged) add(f.row, { outcome: `imported as ${f.id}, flagged: ${f.kind}`, field: f.field, value: f.value, message: f.message });
  return out;
}

/** The CSV text (with BOM, CRLF) of the report's rejected and flagged rows as the file had them, with reason columns. */
export function reportCsv(report: ImportReport): string {
  const cells = report.problemRows ?? { columns: [], rows: [], omitted: 0 };
  const byRow = new Map(cells.rows.map((r) => [r.row, r.values] as const));
  const reasons = reasonsByRow(report);
  const width = cells.columns.length;
  const lines = [[...cells.columns, ...REASON_COLUMNS].map(cell).join(",")];
  for (const row of [...reasons.keys()].sort((a, b) => a - b)) {
    const values = byRow.get(row) ?? [];
    const own = Array.from({ length: width }, (_, i) => cell(values[i]));
    const rs = reasons.get(row) ?? [];
    const join = (pick: (r: Reason) => string) => cell(rs.map(pick).join("; "));
    lines.push([...own, cell(row), join((r) => r.outcome), join((r) => r.field), join((r) => r.value), join((r) => r.message)].join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The download's name: `<file> (import report).csv`. */
export const reportCsvName = (fileName: string) => `${fileName.replace(/\.[^.]+$/, "")} (import report).csv`;
