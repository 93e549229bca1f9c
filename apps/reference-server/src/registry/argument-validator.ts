/**
 * Checks tool arguments against the tool's stored `inputSchema` before the upstream is called, so
 * a bad call is a 422 (or JSON-RPC -32602) naming the field instead of an upstream round trip.
 * Each schema is compiled once per tool and recompiled only when a refresh changed it.
 */
import { compileJsonSchema, failure, type FieldFailure } from "@mcp-contract/api-types";
import type { ValidateFunction } from "ajv";
import type { RegistryLogger } from "./logger.js";
import type { StoredTool } from "./tool-store.js";

interface Compiled {
  readonly source: string;
  /** Undefined when the schema does not compile: the upstream then judges the arguments. */
  readonly validate: ValidateFunction | undefined;
}

export class ArgumentValidator {
  readonly #cache = new Map<string, Compiled>();
  readonly #logger: RegistryLogger;

  constructor(logger: RegistryLogger) {
    this.#logger = logger;
  }

  /** The failing fields (JSON pointers into `args`), or none. */
  check(tool: StoredTool, args: Record<string, unknown>): readonly FieldFailure[] {
    const validate = this.#compiled(tool).validate;
    if (!validate || validate(args)) return [];
    return failure(validate.errors ?? []).errors;
  }

  #compiled(tool: StoredTool): Compiled {
    const source = JSON.stringify(tool.definition.inputSchema);
    const cached = this.#cache.get(tool.id);
    if (cached?.source === source) return cached;
    // `$schema` goes: most servers declare draft-07 (zod-to-json-schema does), which the 2020-12
    // validator would refuse to load although such schemas read the same in both for tool
    // arguments. `$id` goes so two tools declaring the same id cannot clash in the shared ajv.
    const { $schema: _schema, $id: _id, ...schema } = tool.definition.inputSchema;
    let validate: ValidateFunction | undefined;
    try {
      validate = compileJsonSchema(schema);
    } catch (error) {
      this.#logger.warn(
        `The inputSchema of tool '${tool.definition.name}' does not compile (${(error as Error).message}); ` +
          "its arguments go to the upstream unchecked.",
      );
    }
    const compiled = { source, validate };
    this.#cache.set(tool.id, compiled);
    return compiled;
  }
}
