// lib/rules/: the rules declared once, and the schema's CHECKs (the database's own guard) agreeing with them.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ACCOUNT_NAME, ACCOUNT_ROLES, accountNameIssue, isAccountRole } from "@/lib/rules/account";
import { SLUG, VISIBILITIES, isSlug, isVisibility, slugOf, slugWords } from "@/lib/rules/dataset";
import { hasControlCharacter } from "@/lib/rules/text";
import { fieldMessage, showText, showValue } from "@/lib/rules/message";

const migrations = readdirSync("lib/db/migrations").filter((f) => f.endsWith(".sql")).sort().map((f) => readFileSync(`lib/db/migrations/${f}`, "utf8")).join("\n");
/** The quoted values of `column IN (…)` in the schema's CHECK on that column. */
const checkedValues = (column: string) => [...new RegExp(`CHECK \\(${column} IN \\(([^)]*)\\)\\)`).exec(migrations)![1].matchAll(/'([^']*)'/g)].map((m) => m[1]);
const checkedPattern = (column: string) => new RegExp(`CHECK \\(${column} ~ '([^']*)'\\)`).exec(migrations)![1];

describe("the schema's CHECKs agree with lib/rules", () => {
  it("roles", () => expect(checkedValues("role").sort()).toEqual([...ACCOUNT_ROLES].sort()));
  it("visibilities", () => expect(checkedValues("visibility").sort()).toEqual([...VISIBILITIES].sort()));
  it("the account-name rule", () => expect(checkedPattern("name")).toBe(ACCOUNT_NAME.source.replace("\\-", "-")));
  it("the slug rule", () => expect(checkedPattern("slug")).toBe(SLUG.source));
});

describe("account rules", () => {
  it("knows the three roles and nothing else", () => {
    for (const r of ACCOUNT_ROLES) expect(isAccountRole(r)).toBe(true);
    for (const r of ["Admin", "owner", "", null, 1]) expect(isAccountRole(r)).toBe(false);
  });
  it("names: 1–64 letters, digits, dots, hyphens, underscores", () => {
    for (const n of ["a", "eddie.k_2-x", "x".repeat(64)]) expect(accountNameIssue(n)).toBeNull();
    for (const n of ["", "x".repeat(65), "a b", "é", "a\n", 7, null]) expect(accountNameIssue(n)).toBe("name: must be 1–64 letters, digits, dots, hyphens or underscores");
  });
});

describe("dataset rules", () => {
  it("visibilities", () => {
    expect(VISIBILITIES).toEqual(["private", "link", "public"]);
    expect(isVisibility("link")).toBe(true);
    expect(isVisibility("everyone")).toBe(false);
  });
  it("slugs: lower-case letters, digits and hyphens, at most 64, not led by a hyphen", () => {
    for (const s of ["daraa-2021", "a", "0-x", "a".repeat(64)]) expect(isSlug(s)).toBe(true);
    for (const s of ["", "-a", "A", "a_b", "a".repeat(65), 3]) expect(isSlug(s)).toBe(false);
  });
});

describe("control characters", () => {
  it("refuses C0, DEL and C1", () => {
    for (const c of ["\u0000", "\t", "\n", "\u001f", "\u007f", "\u0085", "\u009f"]) expect(hasControlCharacter(`a${c}b`)).toBe(true);
    for (const t of ["Daraa al-Balad", "درعا", "\u00a0", "\u200b"]) expect(hasControlCharacter(t)).toBe(false);
  });
  it("lets tabs and line breaks through multi-line text, nothing else", () => {
    for (const c of ["\t", "\n", "\r"]) expect(hasControlCharacter(`a${c}b`, { lineBreaks: true })).toBe(false);
    for (const c of ["\u0000", "\u000b", "\u000c", "\u007f", "\u0085"]) expect(hasControlCharacter(`a${c}b`, { lineBreaks: true })).toBe(true);
  });
});

describe("the refusal message", () => {
  it("names the field, the reason and the value", () => {
    expect(fieldMessage("role", "must be one of admin, editor, viewer", showValue("boss"))).toBe('role: must be one of admin, editor, viewer (value: "boss")');
  });
  it("shows values as JSON, shortened to 80 characters", () => {
    expect(showValue(NaN)).toBe("NaN");
    expect(showValue(undefined)).toBe("undefined");
    expect(showValue("x".repeat(100))).toBe(`"${"x".repeat(79)}…`);
    expect(showText("x".repeat(100))).toBe(`"${"x".repeat(80)}…"`);
    expect(showText("short")).toBe('"short"');
  });
});

describe("the slug words of a name, for a new dataset's slug and an export's file name", () => {
  it.each([
    ["Field notes", "field-notes"],
    ["  Ḑarʿā — août 2021!  ", "dara-aout-2021"],
    ["Côte d'Ivoire / 2016", "cote-d-ivoire-2016"],
    ["درعا", ""],
    ["--a__b--", "a-b"],
  ])("%j: %j", (text, words) => {
    expect(slugWords(text)).toBe(words);
  });

  it.each([
    ["Field notes", "field-notes"],
    ["درعا", "dataset"],
    ["a".repeat(60), "a".repeat(48)],
    [`${"a".repeat(47)} b`, "a".repeat(47)],
  ])("a new slug from %j is %j, and always keeps the slug rule", (name, slug) => {
    expect(slugOf(name)).toBe(slug);
    expect(isSlug(slugOf(name))).toBe(true);
  });
});
