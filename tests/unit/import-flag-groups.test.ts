// flagGroups: one pass over the flags, in FLAG_KINDS order, kept per flags array (a 1M-row import's report
// carries about 95,000 flags and re-renders with its panel).
import { describe, expect, it } from "vitest";
import { FLAG_KINDS, flagGroups, type FlaggedRow, type FlagKind } from "@/lib/import/flags";
import { listedFlagGroups, MAX_LISTED } from "@/components/import/labels";

const flag = (kind: FlagKind, id: string, row: number): FlaggedRow => ({ kind, id, row, field: "f", value: "v", message: "m" });

/** The grouping as it was written first: a filter per kind. */
function byFilters(flagged: readonly FlaggedRow[]) {
  return FLAG_KINDS.map((kind) => {
    const flags = flagged.filter((f) => f.kind === kind);
    return { kind, flags, ids: [...new Set(flags.map((f) => f.id))] };
  }).filter((g) => g.flags.length > 0);
}

describe("flagGroups", () => {
  it("groups by kind in FLAG_KINDS order, rows in file order, each id once, empty kinds left out", () => {
    const flagged = [flag("outside-country", "A2", 2), flag("possible-swap", "A1", 1), flag("outside-country", "A3", 3), flag("outside-country", "A2", 2)];
    expect(flagGroups(flagged).map((g) => [g.kind, g.flags.map((f) => f.row), g.ids])).toEqual([
      ["possible-swap", [1], ["A1"]],
      ["outside-country", [2, 3, 2], ["A2", "A3"]],
    ]);
    expect(flagGroups([])).toEqual([]);
  });

  it("agrees with a filter per kind on many flags, and works a flags array out once", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const flagged = Array.from({ length: 20_000 }, (_, i) => flag(FLAG_KINDS[Math.floor(next() * 5)], `E${Math.floor(next() * 8000)}`, i));
    const groups = flagGroups(flagged);
    expect(groups).toEqual(byFilters(flagged));
    expect(flagGroups(flagged)).toBe(groups);
    // A new array (another report) is grouped anew.
    expect(flagGroups(flagged.slice(0, 10))).toEqual(byFilters(flagged.slice(0, 10)));
  });

  it("as the import worker sends them: each group's first MAX_LISTED rows, how many in all and every id", () => {
    const flagged = Array.from({ length: 2 * MAX_LISTED + 7 }, (_, i) => flag(i % 3 === 0 ? "possible-swap" : "possible-repeat", `E${i}`, i + 1));
    const listed = listedFlagGroups(flagged);
    expect(listed.map((g) => [g.kind, g.flags.length, g.total, g.ids.length])).toEqual([
      ["possible-swap", 336, 336, 336],
      ["possible-repeat", MAX_LISTED, 671, 671],
    ]);
    expect(listed[1].flags).toEqual(flagGroups(flagged)[1].flags.slice(0, MAX_LISTED));
  });
});
