// The closing line of `npm test`: "tests: N passed, N failed", where a suite that failed to load counts
// as a failure and is named, so the line and the exit status never disagree. Exits 1 when anything failed.
// Arguments: a report and its runner's exit status, once for each runner of the run (each lane).
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";

const args = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
let anyStatus = false;
const broken = [];
const notes = [];
// Each failed test by name with the first line of its message: a CI log cut to its tail still says which.
const failures = [];
for (let i = 0; i < args.length; i += 2) {
  const [file, runnerStatus] = [args[i], args[i + 1]];
  const status = Number(runnerStatus || 0);
  if (status !== 0) anyStatus = true;
  if (!existsSync(file)) {
    failed++;
    notes.push(`the test runner wrote no report${args.length > 2 ? ` (${file})` : ""} (exit ${status})`);
    continue;
  }
  const r = JSON.parse(readFileSync(file, "utf8"));
  // A file whose status is failed although none of its tests failed did not load (or failed in a hook).
  const gone = r.testResults
    .filter((s) => s.status === "failed" && !s.assertionResults.some((a) => a.status === "failed"))
    .map((s) => relative(process.cwd(), s.name));
  broken.push(...gone);
  for (const suite of r.testResults) {
    for (const a of suite.assertionResults) {
      if (a.status !== "failed") continue;
      const why = (a.failureMessages?.[0] ?? "").split("\n")[0].replace(/\x1b\[[0-9;]*m/g, "").slice(0, 300);
      failures.push(`${relative(process.cwd(), suite.name)} > ${a.fullName}: ${why}`);
    }
  }
  const lost = r.numFailedTests + gone.length;
  passed += r.numPassedTests;
  failed += lost;
  skipped += r.numPendingTests;
  // The runner can fail outside any test (an unhandled error): say so rather than print a clean line.
  if (status !== 0 && lost === 0) notes.push(`the test runner failed outside the tests (exit ${status})`);
}
const parts = [`${passed} passed`, `${failed} failed`];
if (skipped) parts.push(`${skipped} skipped`);
if (broken.length) parts.push(`${broken.length} suite${broken.length > 1 ? "s" : ""} failed to load (${broken.join(", ")})`);
parts.push(...notes);
if (failures.length) console.log(`\nfailed:\n${failures.map((f) => `  ${f}`).join("\n")}`);
console.log(`\ntests: ${parts.join(", ")}`);
process.exit(failed > 0 || anyStatus ? 1 : 0);
