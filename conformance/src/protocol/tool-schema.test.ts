import type { Tool } from "@mcp-contract/api-types";
import { describe, expect, it } from "vitest";
import { argumentsFor, callableTools, compileToolSchema, wronglyTypedCall } from "./tool-schema.js";

const tool = (name: string, inputSchema: object, annotations?: Tool["annotations"]): Tool =>
  ({ name, inputSchema, ...(annotations && { annotations }) }) as Tool;

describe("tool schemas", () => {
  it.each([
    ["2020-12 (no $schema)", { type: "object", properties: { a: { type: "string" } } }],
    ["draft-07, as zod-to-json-schema emits", { $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties: { a: { type: "string" } } }],
    ["2019-09", { $schema: "https://json-schema.org/draft/2019-09/schema", type: "object" }],
  ])("compiles %s", (_, schema) => {
    expect(compileToolSchema(schema)).toHaveProperty("validate");
  });

  it("reports a schema that does not compile", () => {
    expect(compileToolSchema({ type: "object", properties: { a: { type: "strnig" } } })).toMatchObject({ problem: expect.stringMatching(/type/) });
  });

  it("builds arguments from required properties, honouring enum, const, minimum and minLength", () => {
    const built = argumentsFor(
      tool("t", {
        type: "object",
        properties: {
          mode: { type: "string", enum: ["fast", "slow"] },
          n: { type: "integer", minimum: 3 },
          s: { type: "string", minLength: 20 },
          list: { type: "array", items: { type: "number" }, minItems: 2 },
          flag: { type: "boolean" },
          optional: { type: "string" },
        },
        required: ["mode", "n", "s", "list", "flag"],
      }),
    );
    expect(built).toEqual({ mode: "fast", n: 3, s: "mcp-contractxxxxxxxx", list: [1, 1], flag: true });
  });

  it("gives up on properties it cannot build (a pattern)", () => {
    expect(argumentsFor(tool("t", { type: "object", properties: { id: { type: "string", pattern: "^[A-Z]{3}$" } }, required: ["id"] }))).toBeUndefined();
  });

  it("prefers read-only tools, then unannotated, then destructive; then the fewest required properties", () => {
    const tools = [
      tool("wipe", { type: "object" }, { destructiveHint: true }),
      tool("two", { type: "object", properties: { a: { type: "string" }, b: { type: "string" } }, required: ["a", "b"] }),
      tool("none", { type: "object" }),
      tool("lookup", { type: "object", properties: { q: { type: "string" } }, required: ["q"] }, { readOnlyHint: true }),
      tool("throw", { type: "object" }, { readOnlyHint: true }),
    ];
    expect(callableTools(tools).map((c) => c.tool.name)).toEqual(["lookup", "none", "two", "wipe"]);
  });

  it("makes one required simple-typed property wrongly typed", () => {
    const call = wronglyTypedCall([tool("echo", { type: "object", properties: { text: { type: "string" } }, required: ["text"] })]);
    expect(call).toMatchObject({ property: "text", expected: "string", args: { text: 12345 } });
  });
});
