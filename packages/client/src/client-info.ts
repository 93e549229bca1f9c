/** Who this client says it is, in `initialize` and in every modern request's `_meta`. */
import type { Implementation } from "@mcp-contract/api-types";

/** The package's own name and version (a test keeps the version in step with package.json). */
export const DEFAULT_CLIENT_INFO: Implementation = { name: "@mcp-contract/client", version: "0.1.0" };
