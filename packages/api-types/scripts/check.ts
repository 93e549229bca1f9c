/**
 * `npm run codegen:check`: exits 1 when a committed generated file no longer matches openapi/.
 * It regenerates in memory and compares, so it needs no git and leaves the tree untouched.
 */
import { checkDrift } from "./check-drift.js";
import { repositoryRoot } from "./repository-root.js";

const lines: string[] = [];
const code = await checkDrift(repositoryRoot(process.argv.slice(2)), (line) => lines.push(line));
(code === 0 ? process.stdout : process.stderr).write(`${lines.join("\n")}\n`);
process.exitCode = code;
