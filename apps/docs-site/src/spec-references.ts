/**
 * Reads a check's `reference` (prose naming one or more sources) into the sources it cites, each
 * with the document, its revision and the section, so a check page can say "MCP 2025-11-25,
 * basic/transports § session-management" instead of leaving the reader to decode a URL. A source
 * of this repository (openapi/<api>.yaml) links to that API's reference page on the site.
 */

/** One source a reference cites. */
export interface SpecSource {
  /** The document: "MCP", "JSON-RPC 2.0", "HTML (WHATWG)", "RFC 9110", an OpenAPI file or a seed document. */
  readonly document: string;
  /** The revision cited (an MCP revision date, "2.0", "Living Standard"), when the source has one. */
  readonly revision?: string | undefined;
  /** The page and section within the document, when the reference names one. */
  readonly section?: string | undefined;
  /** Where to read it: an absolute URL, or a page of this site relative to its root. */
  readonly href?: string | undefined;
}

const MCP = /^https:\/\/modelcontextprotocol\.io\/specification\/(\d{4}-\d{2}-\d{2}|draft)\/([^#\s]*)(?:#(\S+))?$/;

/** The sources a reference cites, in the order it names them; throws when it cites none. */
export function sourcesOf(reference: string, apiPages: readonly string[]): SpecSource[] {
  const sources: SpecSource[] = [];
  for (const [url] of reference.matchAll(/https?:\/\/[^\s,;()]+/g)) sources.push(fromUrl(url));
  for (const [, api] of reference.matchAll(/\bopenapi\/([a-z-]+)\.yaml\b/g)) {
    if (!api || sources.some((s) => s.document === `openapi/${api}.yaml`)) continue;
    sources.push({ document: `openapi/${api}.yaml`, revision: "this repository", href: apiPages.includes(api) ? `${api}.html` : undefined });
  }
  for (const [, seed] of reference.matchAll(/\bseed: ([\w.-]+)/g)) {
    if (seed) sources.push({ document: `vendor seed ${seed}`, revision: "the vendor's published documentation" });
  }
  if (sources.length === 0) throw new Error(`the reference ${JSON.stringify(reference)} cites no URL, openapi/<api>.yaml or seed document`);
  return sources;
}

function fromUrl(url: string): SpecSource {
  const mcp = MCP.exec(url);
  if (mcp) return { document: "MCP", revision: mcp[1], section: [mcp[2], mcp[3]].filter(Boolean).join(" § "), href: url };
  const hash = new URL(url).hash.slice(1) || undefined;
  if (url.startsWith("https://www.jsonrpc.org/specification")) return { document: "JSON-RPC", revision: "2.0", section: hash, href: url };
  if (url.startsWith("https://html.spec.whatwg.org/")) return { document: "HTML (WHATWG)", revision: "Living Standard", section: hash, href: url };
  const rfc = /rfc(\d+)/.exec(url);
  if (rfc) return { document: `RFC ${rfc[1]}`, section: hash?.replace(/^name-/, ""), href: url };
  return { document: new URL(url).host, section: hash, href: url };
}
