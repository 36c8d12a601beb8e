// The closing line of `npm test` counts a suite that fails to load, and agrees with the exit status.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SCRIPT = resolve(__dirname, "../../scripts/test-summary.mjs");

function summary(report: unknown, runnerStatus: number) {
  const file = join(mkdtempSync(join(tmpdir(), "summary-")), "vitest.json");
  if (report !== undefined) writeFileSync(file, JSON.stringify(report));
  const run = spawnSync(process.execPath, [SCRIPT, file, String(runnerStatus)], { encoding: "utf8" });
  return { line: run.stdout.trim().split("\n").at(-1), status: run.status };
}

const suite = (name: string, status: string, tests: string[]) => ({
  name: resolve(name),
  status,
  assertionResults: tests.map((s) => ({ status: s })),
});

describe("test summary", () => {
  it("a clean run", () => {
    const r = { numPassedTests: 2, numFailedTests: 0, numPendingTests: 0, testResults: [suite("tests/unit/a.test.ts", "passed", ["passed", "passed"])] };
    expect(summary(r, 0)).toEqual({ line: "tests: 2 passed, 0 failed", status: 0 });
  });

  it("a suite that fails to load is counted and named", () => {
    const r = {
      numPassedTests: 926,
      numFailedTests: 0,
      numPendingTests: 0,
      testResults: [suite("tests/unit/a.test.ts", "passed", ["passed"]), suite("tests/unit/dataset.test.ts", "failed", [])],
    };
    expect(summary(r, 1)).toEqual({ line: "tests: 926 passed, 1 failed, 1 suite failed to load (tests/unit/dataset.test.ts)", status: 1 });
  });

  it("failed tests and skipped ones", () => {
    const r = { numPassedTests: 3, numFailedTests: 1, numPendingTests: 2, testResults: [suite("tests/unit/a.test.ts", "failed", ["passed", "failed"])] };
    expect(summary(r, 1)).toEqual({ line: "tests: 3 passed, 1 failed, 2 skipped", status: 1 });
  });

  it("a runner that failed outside the tests is not reported clean", () => {
    const r = { numPassedTests: 5, numFailedTests: 0, numPendingTests: 0, testResults: [] };
    expect(summary(r, 1)).toEqual({ line: "tests: 5 passed, 0 failed, the test runner failed outside the tests (exit 1)", status: 1 });
  });

  it("adds up the runners of a run, one report and exit status each", () => {
    const dir = mkdtempSync(join(tmpdir(), "summary-"));
    const unit = join(dir, "unit.json");
    const browser = join(dir, "browser.json");
    writeFileSync(unit, JSON.stringify({ numPassedTests: 4, numFailedTests: 0, numPendingTests: 0, testResults: [suite("tests/unit/a.test.ts", "passed", ["passed"])] }));
    writeFileSync(browser, JSON.stringify({ numPassedTests: 2, numFailedTests: 1, numPendingTests: 1, testResults: [suite("tests/browser/b.test.ts", "failed", ["passed", "failed"])] }));
    const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8" });
    const both = run(unit, "0", browser, "1");
    expect([both.stdout.trim().split("\n").at(-1), both.status]).toEqual(["tests: 6 passed, 1 failed, 1 skipped", 1]);
    const lost = run(unit, "0", join(dir, "none.json"), "1");
    expect([lost.stdout.trim().split("\n").at(-1), lost.status]).toEqual([`tests: 4 passed, 1 failed, the test runner wrote no report (${join(dir, "none.json")}) (exit 1)`, 1]);
  });

  it("no report at all", () => {
    expect(summary(undefined, 1)).toEqual({ line: "tests: 0 passed, 1 failed, the test runner wrote no report (exit 1)", status: 1 });
  });
});
