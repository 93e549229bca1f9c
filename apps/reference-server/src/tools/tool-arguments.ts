/**
 * Compiles a tool's `inputSchema` once and checks call arguments against it, raising the
 * InvalidToolArgumentsError that becomes JSON-RPC -32602 with the failing field named. Shared by
 * the built-in tools and any other ToolSource.
 */
import { compileJsonSchema, failure, type Tool } from "@mcp-contract/api-types";
import { InvalidToolArgumentsError } from "./tool-source.js";

/** Throws InvalidToolArgumentsError when `args` do not fit the tool's `inputSchema`. */
export type ArgumentsCheck = (args: Record<string, unknown>) => void;

/**
 * Compiles `tool.inputSchema`. `$schema` and `$id` are dropped first: every schema is read as
 * 2020-12 by one shared ajv, which would refuse a second schema with the same `$id`.
 */
export function compileArgumentsCheck(tool: Tool): ArgumentsCheck {
  const { $schema: _dialect, $id: _id, ...schema } = tool.inputSchema as Record<string, unknown>;
  const validate = compileJsonSchema(schema);
  const prefix = `Invalid params for tool ${tool.name}: `;
  return (args) => {
    if (validate(args)) return;
    const result = failure(validate.errors ?? []);
    throw new InvalidToolArgumentsError(prefix + result.message, result.errors[0]?.field ?? "/");
  };
}
