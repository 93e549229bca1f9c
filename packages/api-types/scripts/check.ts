/**
 * `npm run codegen:check`: exits 1 when a committed generated file no longer matches openapi/.
 * It regenerates in memory and compares, so it needs no git and leaves the tree untouched.
 */
import { findDrift } from "./codegen.js";
import { repositoryRoot } from "./repository-root.js";

const root = repositoryRoot(process.argv.slice(2));
const drifted = await findDrift(root);
if (drifted.length > 0) {
  console.error("Generated files are out of date with openapi/:");
  for (const file of drifted) console.error(`  ${file}`);
  console.error("Run `npm run generate` and commit the result.");
  process.exit(1);
}
console.log("Generated files match openapi/.");
