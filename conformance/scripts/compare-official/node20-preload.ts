/**
 * The small Node 20 preload that lets the official suite start. Its bundle does
 * `import { globSync } from "fs"`, which Node 20 lacks (fs.globSync is Node 22), so the module fails
 * to link with "SyntaxError: The requested module 'fs' does not provide an export named
 * 'globSync'" before any of it runs. Assigning fs.globSync in a preload is too late for an ES
 * module's named import of a builtin, so the preload registers a resolve hook (module.register)
 * that sends the suite's `fs` imports to a shim re-exporting node:fs plus a small globSync (the
 * suite uses it only for `**\/checks.json` under a folder). Written into the scratch folder, never
 * into the repository.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const SHIM = `export * from "node:fs";
import fs from "node:fs";
import path from "node:path";
export default fs;
function toRegExp(pattern) {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*" && pattern[i + 1] === "*") {
      const slash = pattern[i + 2] === "/";
      re += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^\${}()|[\\]\\\\]/g, "\\\\$&");
  }
  return new RegExp("^" + re + "$");
}
export function globSync(pattern, options = {}) {
  const cwd = options.cwd ?? process.cwd();
  const patterns = (Array.isArray(pattern) ? pattern : [pattern]).map(toRegExp);
  const out = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(cwd, rel), { withFileTypes: true })) {
      const child = rel ? rel + "/" + entry.name : entry.name;
      if (patterns.some((p) => p.test(child))) out.push(child);
      if (entry.isDirectory()) walk(child);
    }
  };
  walk("");
  return out;
}
`;

const HOOKS = `const SHIM = new URL("./fs-glob-shim.mjs", import.meta.url).href;
export async function resolve(specifier, context, next) {
  if ((specifier === "fs" || specifier === "node:fs") && context.parentURL !== SHIM) return { url: SHIM, shortCircuit: true };
  return next(specifier, context);
}
`;

const PRELOAD = `import { register } from "node:module";
register("./hooks.mjs", import.meta.url);
`;

/** Writes the preload into `dir` and returns its path (for `node --import <path>`). */
export function writeNode20Preload(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "fs-glob-shim.mjs"), SHIM);
  writeFileSync(join(dir, "hooks.mjs"), HOOKS);
  writeFileSync(join(dir, "preload.mjs"), PRELOAD);
  return join(dir, "preload.mjs");
}
