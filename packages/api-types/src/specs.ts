/**
 * The bundled OpenAPI documents, as generated from openapi/. Servers and the conformance runner
 * validate live traffic against these, so run-time checks and compile-time types share one source.
 */
import messageSpecJson from "./generated/message.openapi.json" with { type: "json" };
import registrySpecJson from "./generated/registry.openapi.json" with { type: "json" };
import sessionSpecJson from "./generated/session.openapi.json" with { type: "json" };
import streamableSpecJson from "./generated/streamable.openapi.json" with { type: "json" };

/** A bundled OpenAPI 3.1 document; only the parts the validators read are typed. */
export interface BundledSpec {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string };
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly components: { readonly schemas: Readonly<Record<string, unknown>> };
}

export const sessionSpec: BundledSpec = sessionSpecJson;
export const messageSpec: BundledSpec = messageSpecJson;
export const registrySpec: BundledSpec = registrySpecJson;
export const streamableSpec: BundledSpec = streamableSpecJson;

/** The four contracts by name, as redocly.yaml names them. */
export const specs = {
  session: sessionSpec,
  message: messageSpec,
  registry: registrySpec,
  streamable: streamableSpec,
} as const;
export type SpecName = keyof typeof specs;
