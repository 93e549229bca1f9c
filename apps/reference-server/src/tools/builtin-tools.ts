/**
 * The built-in tools every server has (scope `all`, and the Celonis asset `builtin`): `echo`, and
 * tools that exercise each kind of answer: structured results (`add`), a tool-level error
 * (`fail`), progress notifications (`progress`), image content (`image`) and a handler that throws
 * (`throw`, answered -32603 with no details). 2026-07-28 requests also see `confirm`, which asks
 * the user first (Multi Round-Trip Requests).
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Tool } from "@mcp-contract/api-types";
import { CONFIRM_TOOL, ConfirmTool } from "./confirm-tool.js";
import { compileArgumentsCheck, type ArgumentsCheck } from "./tool-arguments.js";
import { DeliberateToolFailure, type ToolAnswer, type ToolCallContext, type ToolScope, type ToolSource } from "./tool-source.js";

/** The Celonis asset id that serves the built-in tools. */
export const BUILTIN_ASSET = "builtin";

/** A 1×1 PNG, the smallest valid image content. */
const PIXEL_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

type Args = Record<string, unknown>;
type Run = (args: Args, context: ToolCallContext) => ToolAnswer | Promise<ToolAnswer>;

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

const DEFINITIONS: ReadonlyArray<{ tool: Tool; run: Run }> = [
  {
    tool: {
      name: "echo",
      title: "Echo",
      description: "Returns the text it is given, unchanged.",
      inputSchema: {
        type: "object",
        properties: { text: { type: "string", description: "The text to send back." } },
        required: ["text"],
        additionalProperties: false,
      },
      outputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
      annotations: READ_ONLY,
    },
    run: (args) => {
      const text = args["text"] as string;
      return { content: [{ type: "text", text }], structuredContent: { text } };
    },
  },
  {
    tool: {
      name: "add",
      title: "Add",
      description: "Adds two numbers; the sum comes back as text and as structured content.",
      inputSchema: {
        type: "object",
        properties: { a: { type: "number" }, b: { type: "number" } },
        required: ["a", "b"],
        additionalProperties: false,
      },
      outputSchema: { type: "object", properties: { sum: { type: "number" } }, required: ["sum"] },
      annotations: READ_ONLY,
    },
    run: (args) => {
      const sum = (args["a"] as number) + (args["b"] as number);
      return { content: [{ type: "text", text: String(sum) }], structuredContent: { sum } };
    },
  },
  {
    tool: {
      name: "fail",
      title: "Fail",
      description: "Always fails on its own terms: the result has isError true and says why.",
      inputSchema: {
        type: "object",
        properties: { message: { type: "string", description: "The error text to report." } },
        additionalProperties: false,
      },
      annotations: READ_ONLY,
    },
    run: (args) => ({
      content: [{ type: "text", text: (args["message"] as string | undefined) ?? "The fail tool always fails: this is a tool-level error." }],
      isError: true,
    }),
  },
  {
    tool: {
      name: "progress",
      title: "Progress",
      description: "Counts to `steps`, sending notifications/progress for each step when the request has a progressToken.",
      inputSchema: {
        type: "object",
        properties: { steps: { type: "integer", minimum: 1, maximum: 20 } },
        required: ["steps"],
        additionalProperties: false,
      },
      annotations: READ_ONLY,
    },
    run: async (args, context) => {
      const steps = args["steps"] as number;
      for (let step = 1; step <= steps && !context.signal.aborted; step += 1) {
        context.reportProgress(step, steps, `Step ${step} of ${steps}`);
        // Yield between steps, as real work would, so notifications are written one by one.
        await nextTurn();
      }
      return { content: [{ type: "text", text: `Completed ${steps} steps.` }] };
    },
  },
  {
    tool: {
      name: "image",
      title: "Image",
      description: "Returns a 1×1 PNG as image content.",
      inputSchema: { type: "object", properties: {}, additionalProperties: false },
      annotations: READ_ONLY,
    },
    run: () => ({
      content: [
        { type: "image", data: PIXEL_PNG, mimeType: "image/png" },
        { type: "text", text: "A 1×1 PNG image." },
      ],
    }),
  },
  {
    tool: {
      name: "throw",
      title: "Throw",
      description: "Its handler throws: the answer is JSON-RPC -32603 Internal error, with no stack trace.",
      inputSchema: { type: "object", properties: {}, additionalProperties: false },
      annotations: READ_ONLY,
    },
    run: () => {
      throw new DeliberateToolFailure("The throw tool failed on purpose; this text must stay in the server log.");
    },
  },
];

/**
 * Tools only a 2026-07-28 request sees (scope.multiRoundTrip): they ask for input. Made per
 * server, so each seals its `requestState` with a key of its own.
 */
function multiRoundTripDefinitions(): ReadonlyArray<{ tool: Tool; run: Run }> {
  const confirm = new ConfirmTool();
  return [{ tool: CONFIRM_TOOL, run: (args, context) => confirm.run(args, context.multiRoundTrip) }];
}

/** The built-in tools as a ToolSource. Argument checks are compiled once, here. */
export class BuiltinTools implements ToolSource {
  private readonly tools: Tool[] = DEFINITIONS.map((entry) => entry.tool);
  private readonly modernTools: Tool[];
  private readonly byName: Map<string, { check: ArgumentsCheck; run: Run; multiRoundTrip: boolean }>;

  constructor() {
    const modernOnly = multiRoundTripDefinitions();
    this.modernTools = [...this.tools, ...modernOnly.map((entry) => entry.tool)];
    const entries = [...DEFINITIONS.map((entry) => ({ ...entry, multiRoundTrip: false })), ...modernOnly.map((entry) => ({ ...entry, multiRoundTrip: true }))];
    this.byName = new Map(entries.map(({ tool, run, multiRoundTrip }) => [tool.name, { check: compileArgumentsCheck(tool), run, multiRoundTrip }]));
  }

  hasAsset(assetId: string): boolean {
    return assetId === BUILTIN_ASSET;
  }

  listTools(scope: ToolScope): Tool[] {
    if (!inScope(scope)) return [];
    return scope.kind === "all" && scope.multiRoundTrip ? this.modernTools : this.tools;
  }

  async callTool(scope: ToolScope, name: string, args: Args, context: ToolCallContext): Promise<ToolAnswer | undefined> {
    return this.callNow(scope, name, args, context);
  }

  /**
   * callTool without the promise when the tool answers at once (all but `progress`): undefined
   * when there is no such tool here; throws InvalidToolArgumentsError for bad arguments.
   */
  callNow(scope: ToolScope, name: string, args: Args, context: ToolCallContext): ToolAnswer | Promise<ToolAnswer> | undefined {
    const entry = inScope(scope) ? this.byName.get(name) : undefined;
    if (!entry || (entry.multiRoundTrip && !(scope.kind === "all" && scope.multiRoundTrip))) return undefined;
    entry.check(args);
    return entry.run(args, context);
  }
}

function inScope(scope: ToolScope): boolean {
  return scope.kind === "all" || scope.assetId === BUILTIN_ASSET;
}
