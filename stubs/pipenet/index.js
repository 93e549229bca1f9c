/**
 * Stand-in for pipenet, put in its place by the root package.json `overrides`. mcp-proxy's CLI
 * (a test peer) imports it for one option, --tunnel, which exposes a local server through a public
 * tunnel host; this repository's tests talk to loopback only and never pass it. The real package
 * declares Node >= 22 (an EBADENGINE warning on every Node 20 install, every published version)
 * and brings axios, koa and tldjs, whose install script would download a list from the internet.
 */
export async function pipenet() {
  throw new Error("pipenet is a stub in this repository (root package.json overrides): mcp-proxy --tunnel is not available here");
}
