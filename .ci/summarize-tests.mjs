// Totals the vitest JSON reports of every workspace into the plain closing line CI reads
// ("N passed, N failed"). It runs after `npm test`, which already failed the run if a suite did;
// it exits 1 when a test failed or none passed, and names workspaces that wrote no report.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const workspaces = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).workspaces;

/** The workspace folders the `workspaces` patterns name ("dir" or "dir/*"). */
function workspaceDirs(patterns) {
  return patterns.flatMap((pattern) => {
    if (!pattern.endsWith("/*")) return [pattern];
    const parent = pattern.slice(0, -2);
    return readdirSync(path.join(root, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(parent, entry.name));
  });
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of workspaceDirs(workspaces)) {
  const report = path.join(root, dir, "test-output/vitest.json");
  if (!existsSync(report)) {
    console.log(`${dir}: no test report`);
    continue;
  }
  const json = JSON.parse(readFileSync(report, "utf8"));
  passed += json.numPassedTests;
  failed += json.numFailedTests + (json.numRuntimeErrors ?? 0);
  skipped += json.numPendingTests + json.numTodoTests;
  console.log(`${dir}: ${json.numPassedTests} passed, ${json.numFailedTests} failed`);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
