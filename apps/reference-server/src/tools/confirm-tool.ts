/**
 * `confirm`: a tool that asks the user before it answers, the 2026-07-28 way (Multi Round-Trip
 * Requests). It needs the client's `elicitation` capability: without it the call fails with
 * -32021 and `data.requiredCapabilities` (a MUST of basic/index.mdx, "_meta"); with it the first
 * call answers an InputRequiredResult holding one form-mode `elicitation/create` and a sealed
 * `requestState`, and the retry carrying the user's answer completes. Only 2026-07-28 requests see
 * it: older revisions ask the client through server-to-client requests, which this server does
 * not send.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr
 */
import { JSONRPC_ERROR, MCP_ERROR, type CallToolResult, type InputRequiredResult, type Tool } from "@mcp-contract/api-types";
import { RpcError } from "../jsonrpc/rpc-error.js";
import { bindingOf, RequestStateRejected, RequestStateSeal } from "./request-state.js";
import type { MultiRoundTrip, ToolAnswer } from "./tool-source.js";

/** The key of the one input request, in `inputRequests` and `inputResponses`. */
const INPUT_KEY = "confirm";

export const CONFIRM_TOOL: Tool = {
  name: "confirm",
  title: "Confirm",
  description:
    "Asks the user to confirm an action (an elicitation form, by 2026-07-28 Multi Round-Trip Requests) and answers whether they did. It changes nothing.",
  inputSchema: {
    type: "object",
    properties: { action: { type: "string", minLength: 1, description: "What the user is asked to confirm." } },
    required: ["action"],
    additionalProperties: false,
  },
  outputSchema: { type: "object", properties: { confirmed: { type: "boolean" } }, required: ["confirmed"] },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
};

export class ConfirmTool {
  constructor(private readonly seal = new RequestStateSeal()) {}

  run(args: Readonly<Record<string, unknown>>, request: MultiRoundTrip | undefined): ToolAnswer {
    const action = args["action"] as string;
    if (!request) return notCarried();
    if (!declaresElicitation(request.clientCapabilities)) {
      throw new RpcError(
        MCP_ERROR.MISSING_REQUIRED_CLIENT_CAPABILITY,
        "The confirm tool asks the user through elicitation; declare 'elicitation' in _meta's io.modelcontextprotocol/clientCapabilities to call it.",
        { requiredCapabilities: { elicitation: {} } },
      );
    }
    const binding = bindingOf(CONFIRM_TOOL.name, args);
    if (request.requestState === undefined) return this.ask(action, binding);
    try {
      this.seal.open(request.requestState, binding);
    } catch (error) {
      if (error instanceof RequestStateRejected) throw new RpcError(JSONRPC_ERROR.INVALID_PARAMS, `Invalid params: ${error.message}`);
      throw error;
    }
    const answer = elicitResult(request.inputResponses);
    // The spec: when an answer is missing, ask again rather than fail.
    if (!answer) return this.ask(action, binding);
    const confirmed = answer.action === "accept" && answer.content?.["confirmed"] === true;
    const how = answer.action === "accept" ? (confirmed ? "confirmed" : "did not confirm") : answer.action === "decline" ? "declined" : "cancelled";
    return { content: [{ type: "text", text: `The user ${how}: ${action}` }], structuredContent: { confirmed } } satisfies CallToolResult;
  }

  private ask(action: string, binding: string): InputRequiredResult {
    return {
      resultType: "input_required",
      inputRequests: {
        [INPUT_KEY]: {
          method: "elicitation/create",
          params: {
            mode: "form",
            message: `Confirm: ${action}`,
            requestedSchema: {
              type: "object",
              properties: { confirmed: { type: "boolean", title: "Confirm", description: action } },
              required: ["confirmed"],
            },
          },
        },
      },
      requestState: this.seal.seal(binding),
    };
  }
}

/** `elicitation: {}` (form mode, implicitly) or `{ form: {} }` declares what this tool asks for. */
function declaresElicitation(capabilities: Readonly<Record<string, unknown>>): boolean {
  const elicitation = capabilities["elicitation"];
  if (elicitation === null || typeof elicitation !== "object" || Array.isArray(elicitation)) return false;
  const modes = elicitation as Record<string, unknown>;
  return !("url" in modes) || "form" in modes;
}

interface ElicitAnswer {
  readonly action: "accept" | "decline" | "cancel";
  readonly content?: Readonly<Record<string, unknown>>;
}

/** The ElicitResult under INPUT_KEY, when the client sent one that parses. */
function elicitResult(inputResponses: unknown): ElicitAnswer | undefined {
  if (inputResponses === null || typeof inputResponses !== "object") return undefined;
  const entry = (inputResponses as Record<string, unknown>)[INPUT_KEY];
  if (entry === null || typeof entry !== "object") return undefined;
  const { action, content } = entry as Record<string, unknown>;
  if (action !== "accept" && action !== "decline" && action !== "cancel") return undefined;
  const fields = content !== null && typeof content === "object" && !Array.isArray(content) ? (content as Record<string, unknown>) : undefined;
  return fields ? { action, content: fields } : { action };
}

function notCarried(): CallToolResult {
  return { content: [{ type: "text", text: "The confirm tool needs a 2026-07-28 request: it asks for input by Multi Round-Trip Requests." }], isError: true };
}
