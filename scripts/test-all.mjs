// `npm test`: everything CI checks, in order of speed: lint, typecheck, unit, integration,
// the production build, e2e. Stops at the first failing stage and ends with one
// "N passed, N failed" line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";

mkdirSync("test-results", { recursive: true });
const counts = { passed: 0, failed: 0, skipped: 0 };

// A report this stage wrote: a run that was killed before writing one (its exit code can still
// say 0: the same exit hook) has not passed. Returns whether there was one.
const freshReport = (file, since) => existsSync(file) && statSync(file).mtimeMs >= since;

function vitestCounts(file, since) {
  if (!freshReport(file, since)) return false;
  const report = JSON.parse(readFileSync(file, "utf8"));
  counts.passed += report.numPassedTests;
  counts.failed += report.numFailedTests;
  counts.skipped += report.numPendingTests + report.numTodoTests;
  return report.numTotalTests > 0;
}

function playwrightCounts(file, since) {
  if (!freshReport(file, since)) return false;
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  counts.passed += stats.expected + stats.flaky;
  counts.failed += stats.unexpected;
  counts.skipped += stats.skipped;
  return stats.expected + stats.flaky + stats.unexpected > 0;
}

const stages = [
  ["lint", "npx", ["eslint", "."]],
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  // The customer widget every store page loads stays under 50 kB gzipped (seconds).
  ["widget size", "npx", ["tsx", "scripts/check-widget-size.ts"]],
  ["unit", "npx", ["vitest", "run", "--project", "unit", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/unit.json"], (since) => vitestCounts("test-results/unit.json", since)],
  ["integration", "npx", ["vitest", "run", "--project", "integration", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/integration.json"], (since) => vitestCounts("test-results/integration.json", since)],
  ["chromium", "node", ["scripts/ensure-chromium.mjs"]],
  // The production bundle the e2e server runs: built here, in a stage of its own, so the e2e
  // stage measures the suite (scripts/start.ts then finds the build current and starts it).
  ["build", "npx", ["next", "build"], undefined, { NEXT_TELEMETRY_DISABLED: "1" }],
  ["e2e", "npx", ["playwright", "test", "--reporter=list,json"], (since) => playwrightCounts("test-results/e2e.json", since), { PLAYWRIGHT_JSON_OUTPUT_NAME: "test-results/e2e.json" }],
];

let failedStage;
for (const [name, command, args, count, extraEnv] of stages) {
  console.log(`\n=== ${name}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...extraEnv } });
  const failedBefore = counts.failed;
  const reported = count ? count(started) : true;
  // A stage fails on its exit code, on a failed test in its report, or on no report with tests
  // in it, whichever says so: a dependency's exit hook once turned vitest's exit code 1 into 0
  // (see test/global-setup.ts), and a killed run exited 0 having run nothing.
  const ok = result.status === 0 && counts.failed === failedBefore && reported;
  console.log(`=== ${name}: ${ok ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (!ok) {
    failedStage = name;
    break;
  }
}

if (failedStage) console.log(`\nStopped at the failing stage: ${failedStage}.`);
console.log(`\n${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""}`);
process.exit(failedStage ? 1 : 0);
