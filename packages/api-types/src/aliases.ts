/**
 * Short names for the generated schema types. Aliases only: every shape is defined once, in
 * openapi/, and generated into ./generated/.
 */
import type { components as MessageComponents } from "./generated/message.js";
import type { components as RegistryComponents } from "./generated/registry.js";
import type { components as SessionComponents } from "./generated/session.js";
import type { components as StreamableComponents } from "./generated/streamable.js";

type MessageSchemas = MessageComponents["schemas"];
type SessionSchemas = SessionComponents["schemas"];
type RegistrySchemas = RegistryComponents["schemas"];
type StreamableSchemas = StreamableComponents["schemas"];

export type RequestId = MessageSchemas["RequestId"];
export type JSONRPCRequest = MessageSchemas["JSONRPCRequest"];
export type JSONRPCNotification = MessageSchemas["JSONRPCNotification"];
export type JSONRPCResultResponse = MessageSchemas["JSONRPCResultResponse"];
export type JSONRPCErrorResponse = MessageSchemas["JSONRPCErrorResponse"];
export type JSONRPCErrorObject = MessageSchemas["JSONRPCErrorObject"];
export type JSONRPCErrorCode = MessageSchemas["JSONRPCErrorCode"];
export type JSONRPCMessage = MessageSchemas["JSONRPCMessage"];
export type JSONRPCBatch = MessageSchemas["JSONRPCBatch"];
export type ClientMessage = MessageSchemas["ClientMessage"];
export type ServerMessage = MessageSchemas["ServerMessage"];
export type TransportError = MessageSchemas["TransportError"];
export type TransportErrorReason = MessageSchemas["TransportErrorReason"];
export type ErrorDetail = MessageSchemas["ErrorDetail"];
export type InitializeParams = MessageSchemas["InitializeParams"];
export type InitializeResult = MessageSchemas["InitializeResult"];
export type Implementation = MessageSchemas["Implementation"];
export type Tool = MessageSchemas["Tool"];
export type ListToolsParams = MessageSchemas["ListToolsParams"];
export type ListToolsResult = MessageSchemas["ListToolsResult"];
export type CallToolParams = MessageSchemas["CallToolParams"];
export type CallToolResult = MessageSchemas["CallToolResult"];
export type ContentBlock = MessageSchemas["ContentBlock"];
export type ProgressParams = MessageSchemas["ProgressParams"];
export type ProgressNotification = MessageSchemas["ProgressNotification"];

export type SseEndpointEvent = SessionSchemas["SseEndpointEvent"];
export type SseMessageEvent = SessionSchemas["SseMessageEvent"];
export type SseEvent = SessionSchemas["SseEvent"];

export type McpServer = RegistrySchemas["McpServer"];
export type SseMcpServer = RegistrySchemas["SseMcpServer"];
export type StdioMcpServer = RegistrySchemas["StdioMcpServer"];
export type StreamableHTTPMcpServer = RegistrySchemas["StreamableHTTPMcpServer"];
export type CreateMcpServerRequest = RegistrySchemas["CreateMcpServerRequest"];
export type LettaCreateMcpServerRequest = RegistrySchemas["LettaCreateMcpServerRequest"];
export type UpdateMcpServerRequest = RegistrySchemas["UpdateMcpServerRequest"];
export type McpTool = RegistrySchemas["McpTool"];
export type RefreshResult = RegistrySchemas["RefreshResult"];
export type RunToolRequest = RegistrySchemas["RunToolRequest"];
export type ToolRunResult = RegistrySchemas["ToolRunResult"];
export type ApiError = RegistrySchemas["ApiError"];
export type ApiErrorCode = RegistrySchemas["ApiErrorCode"];
export type FieldError = RegistrySchemas["FieldError"];

export type ProtocolRevision = StreamableSchemas["ProtocolRevision"];
export type RequestMeta = StreamableSchemas["RequestMeta"];
export type ResultMeta = StreamableSchemas["ResultMeta"];
export type NotificationMeta = StreamableSchemas["NotificationMeta"];
export type ResultType = StreamableSchemas["ResultType"];
export type ModernRequest = StreamableSchemas["ModernRequest"];
export type ModernResult = StreamableSchemas["ModernResult"];
export type ModernResultResponse = StreamableSchemas["ModernResultResponse"];
export type ModernResponse = StreamableSchemas["ModernResponse"];
export type InputRequiredResult = StreamableSchemas["InputRequiredResult"];
export type InputRequest = StreamableSchemas["InputRequest"];
export type DiscoverResult = StreamableSchemas["DiscoverResult"];
export type DiscoverResultResponse = StreamableSchemas["DiscoverResultResponse"];
export type StreamableClientMessage = StreamableSchemas["StreamableClientMessage"];
export type StreamableServerMessage = StreamableSchemas["StreamableServerMessage"];
export type StreamableJsonAnswer = StreamableSchemas["StreamableJsonAnswer"];
export type McpErrorCode = StreamableSchemas["McpErrorCode"];
export type McpErrorResponse = StreamableSchemas["McpErrorResponse"];
export type HeaderMismatchError = StreamableSchemas["HeaderMismatchError"];
export type MissingRequiredClientCapabilityError = StreamableSchemas["MissingRequiredClientCapabilityError"];
export type UnsupportedProtocolVersionError = StreamableSchemas["UnsupportedProtocolVersionError"];
export type SseResponseEvent = StreamableSchemas["SseResponseEvent"];
export type ModernSseEvent = StreamableSchemas["ModernSseEvent"];
