// A file without a date column: every row undated, or one date or range the mapping step gives them all
// (Mapping.fixedDate). Said in the assumptions either way.
import type { FixedDate, Mapping } from "./types";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True when the mapping reads a date from a column (date, or a year standing for its whole year). */
export const hasDateColumn = (mapping: Mapping) => Object.values(mapping.roles).some((r) => r === "date" || r === "year");

/** Why a fixed date cannot be used, or null: ISO days, the end not before the start. */
export function fixedDateProblem(f: FixedDate): string | null {
  if (!ISO_DAY.test(f.date) || Number.isNaN(Date.parse(f.date))) return `the date ${JSON.stringify(f.date)} is not a day (YYYY-MM-DD)`;
  if (f.end === undefined) return null;
  if (!ISO_DAY.test(f.end) || Number.isNaN(Date.parse(f.end))) return `the end ${JSON.stringify(f.end)} is not a day (YYYY-MM-DD)`;
  return f.end < f.date ? `the end ${f.end} is before the date ${f.date}` : null;
}

/** What the import assumes about the dates of a file without a date column, in words. */
export function dateAssumptions(mapping: Mapping): string[] {
  if (hasDateColumn(mapping)) return [];
  const f = mapping.fixedDate;
  if (!f || fixedDateProblem(f)) return ["the file has no date column: every row is undated"];
  return [`the file has no date column: every row is given ${f.end && f.end !== f.date ? `the range ${f.date} to ${f.end}` : `the date ${f.date}`}, as set in the mapping step`];
}
