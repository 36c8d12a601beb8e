// The project reads nothing outside its own folder: a user's clone has nothing beside it. Every path
// literal in code, scripts, tests and CI must resolve inside the repository.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
const CODE = /\.(ts|tsx|js|cjs|mjs|mts|sh)$|^\.ci\//;

/** A module specifier: resolved from the importing file's folder only. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(["'`])([^"'`]*)\1/g;
const LITERAL = /(["'`])((?:\.\.\/|\.\.\\|\.\.$)[^"'`\n]*)\1/g;

const escapes = (from: string, p: string) => {
  const r = relative(ROOT, resolve(from, p));
  return r === ".." || r.startsWith("../") || isAbsolute(r);
};

/**
 * The literals of `text` (a file at `file`, relative to the root) that lead above the root.
 * A module specifier, or a literal on a line that names `__dirname` or `import.meta`, resolves from the
 * file's folder; any other literal may be used against the working directory (the root) as well.
 */
export function pathsAboveRoot(file: string, text: string): string[] {
  const dir = dirname(join(ROOT, file));
  const found: string[] = [];
  const specifiers = new Set<number>();
  for (const m of text.matchAll(SPECIFIER)) {
    specifiers.add(m.index + m[0].length - m[2].length - 1);
    if (m[2].startsWith("..") && escapes(dir, m[2])) found.push(m[2]);
  }
  for (const m of text.matchAll(LITERAL)) {
    if (specifiers.has(m.index + 1)) continue;
    const p = m[2];
    const line = text.slice(text.lastIndexOf("\n", m.index) + 1, text.indexOf("\n", m.index) >>> 0);
    const fromFile = /__dirname|import\.meta/.test(line);
    if (escapes(dir, p) || (!fromFile && escapes(ROOT, p))) found.push(p);
  }
  // Shell: `cd ..`-style climbs and `$dir/../x` are caught by the literal rule only when quoted.
  if (file.endsWith(".sh") || file.startsWith(".ci/")) {
    for (const m of text.matchAll(/(?:^|\s)((?:\.\.\/)+[\w.-][^\s"']*)/gm)) if (escapes(ROOT, m[1])) found.push(m[1]);
  }
  return found;
}

const tracked = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
  .split("\n")
  // This file is left out: its own examples are paths above the root on purpose.
  .filter((f) => CODE.test(f) && !f.startsWith("tests/fixtures/") && !f.startsWith("geodata/") && f !== "tests/unit/inside-repo.test.ts");

describe("nothing is read from outside the repository", () => {
  it("finds the code to check", () => {
    expect(tracked.length).toBeGreaterThan(100);
    expect(tracked).toContain("lib/build/dataset/article.ts");
  });

  // One test naming every offender at once, not one generated test per file.
  it("no file holds a path that leads above the root", () => {
    expect(tracked.flatMap((file) => pathsAboveRoot(file, readFileSync(join(ROOT, file), "utf8")).map((p) => `${file}: ${p}`))).toEqual([]);
  });

  it("would catch a path to a folder beside the clone", () => {
    expect(pathsAboveRoot("lib/build/dataset/article.ts", 'export const P = "../beside/sources/a.md";')).toEqual(["../beside/sources/a.md"]);
    expect(pathsAboveRoot("scripts/x.ts", 'readFileSync(resolve(__dirname, "../../elsewhere/x.json"))')).toEqual(["../../elsewhere/x.json"]);
    expect(pathsAboveRoot("scripts/x.ts", 'readFileSync("../data/x.csv")')).toEqual(["../data/x.csv"]);
    expect(pathsAboveRoot("tests/unit/x.test.ts", 'import a from "../../../outside/a";')).toEqual(["../../../outside/a"]);
    expect(pathsAboveRoot(".ci/run", "cp ../beside/x .")).toEqual(["../beside/x"]);
  });

  it("lets paths inside the repository be", () => {
    expect(pathsAboveRoot("tests/unit/x.test.ts", 'const ROOT = resolve(__dirname, "../..");')).toEqual([]);
    expect(pathsAboveRoot("scripts/x.ts", 'import { geocode } from "../lib/geocode";')).toEqual([]);
    expect(pathsAboveRoot("lib/a/b.ts", 'import { x } from "../c";')).toEqual([]);
    expect(pathsAboveRoot("tests/unit/x.test.ts", 'const F = join(__dirname, "../fixtures/import");')).toEqual([]);
  });
});
