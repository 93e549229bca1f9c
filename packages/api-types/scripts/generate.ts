/** `npm run generate`: rewrites packages/api-types/src/generated/ from openapi/. */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { generateAll } from "./codegen.js";
import { repositoryRoot } from "./repository-root.js";

const root = repositoryRoot(process.argv.slice(2));
for (const file of await generateAll(root)) {
  const target = path.join(root, file.relativePath);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, file.contents);
  console.log(`generated ${file.relativePath}`);
}
