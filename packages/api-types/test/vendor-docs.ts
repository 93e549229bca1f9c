/**
 * Reads the vendor-doc fixtures in ./fixtures/vendor-docs/: the facts the seed tests need from each
 * vendor's public API docs (example bodies, statuses, paths), restated inside the repository so the
 * tests run on a clone with nothing beside it. Each file's `source` field names the page it restates.
 */
import { readFileSync } from "node:fs";

export const VENDOR_DOCS_DIR = new URL("./fixtures/vendor-docs/", import.meta.url);

/** The parsed fixture `name` (a file in fixtures/vendor-docs/). */
export function readVendorDoc<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, VENDOR_DOCS_DIR), "utf8")) as T;
}
