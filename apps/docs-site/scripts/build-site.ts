/** `npm run docs`: builds the site into <repo>/dist-docs (ignored by git), or `--out <dir>`. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildSite } from "../src/build-site.js";

const root = path.resolve(fileURLToPath(import.meta.url), "../../../..");
const flag = process.argv.indexOf("--out");
const outDir = path.resolve(flag >= 0 ? (process.argv[flag + 1] ?? "") : path.join(root, "dist-docs"));
for (const file of await buildSite({ root, outDir })) console.log(`wrote ${path.relative(process.cwd(), file)}`);
