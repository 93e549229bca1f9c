// Totals the vitest JSON reports of every workspace into the plain closing line CI reads
// ("N passed, N failed"), and fails when a workspace that has tests wrote no report.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const workspaces = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).workspaces;

const dirs = [];
for (const pattern of workspaces) {
  if (!pattern.endsWith("/*")) dirs.push(pattern);
  else {
    const parent = path.join(root, pattern.slice(0, -2));
    const { readdirSync } = await import("node:fs");
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      if (entry.isDirectory()) dirs.push(path.join(pattern.slice(0, -2), entry.name));
    }
  }
}

let passed = 0, failed = 0, skipped = 0;
const missing = [];
for (const dir of dirs) {
  const report = path.join(root, dir, "test-output/vitest.json");
  if (!existsSync(report)) {
    missing.push(dir);
    continue;
  }
  const json = JSON.parse(readFileSync(report, "utf8"));
  passed += json.numPassedTests;
  failed += json.numFailedTests + (json.numRuntimeErrors ?? 0);
  skipped += json.numPendingTests + json.numTodoTests;
  console.log(`${dir}: ${json.numPassedTests} passed, ${json.numFailedTests} failed`);
}
for (const dir of missing) console.log(`${dir}: no test report`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
