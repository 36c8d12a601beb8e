// The closing line of `npm test`: "tests: N passed, N failed", where a suite that failed to load counts
// as a failure and is named, so the line and the exit status never disagree. Exits 1 when anything failed.
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";

const [file, runnerStatus] = process.argv.slice(2);
const status = Number(runnerStatus || 0);
if (!existsSync(file)) {
  console.log(`\ntests: 0 passed, 1 failed, the test runner wrote no report (exit ${status})`);
  process.exit(1);
}
const r = JSON.parse(readFileSync(file, "utf8"));
// A file whose status is failed although none of its tests failed did not load (or failed in a hook).
const broken = r.testResults
  .filter((s) => s.status === "failed" && !s.assertionResults.some((a) => a.status === "failed"))
  .map((s) => relative(process.cwd(), s.name));
const failed = r.numFailedTests + broken.length;
const parts = [`${r.numPassedTests} passed`, `${failed} failed`];
if (r.numPendingTests) parts.push(`${r.numPendingTests} skipped`);
if (broken.length) parts.push(`${broken.length} suite${broken.length > 1 ? "s" : ""} failed to load (${broken.join(", ")})`);
// The runner can fail outside any test (an unhandled error): say so rather than print a clean line.
if (status !== 0 && failed === 0) parts.push(`the test runner failed outside the tests (exit ${status})`);
console.log(`\ntests: ${parts.join(", ")}`);
process.exit(failed > 0 || status !== 0 ? 1 : 0);
