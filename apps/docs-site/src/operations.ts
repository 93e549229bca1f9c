import type { BundledSpec } from "@mcp-contract/api-types";

export interface OperationSummary {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Every operation of a bundled spec, in document order. */
export function operationsOf(spec: BundledSpec): OperationSummary[] {
  const found: OperationSummary[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as { operationId?: string; summary?: string } | undefined;
      if (!operation) continue;
      found.push({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId ?? `${method} ${path}`,
        summary: operation.summary ?? "",
      });
    }
  }
  return found;
}
