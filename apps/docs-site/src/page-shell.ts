/**
 * The frame every page of ours shares: one stylesheet, the navigation, and a Content Security
 * Policy that keeps every request on the site's own origin (the site must work offline and must
 * not tell an outside host who reads it).
 */
import { escapeHtml } from "./html.js";

/** No fetch, image, font or script from another origin; inline styles only for the page's own sheet. */
export const SAME_ORIGIN_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'";

/** The policy as a `<meta>` element, for pages written by others (Redoc's) as well as ours. */
export const POLICY_META = `<meta http-equiv="Content-Security-Policy" content="${SAME_ORIGIN_POLICY}">`;

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;max-width:76rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
nav{margin-bottom:1rem}nav a{margin-right:1rem}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccd;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#eef}code{background:#f3f3f8;padding:0 .2rem}pre{background:#f3f3f8;padding:1rem;overflow-x:auto}
.passed{color:#17803d}.failed{color:#b42318}.warning{color:#a15c07}.skipped{color:#667}.not-verified{color:#7a3e9d}.observation{color:#1f5fa8}.deviation{color:#2f7f7f}
#compat-matrix thead th{position:sticky;top:0;z-index:1;box-shadow:0 1px 0 #ccd}
#compat-matrix{font-size:13px}#compat-matrix td:first-child{white-space:nowrap}#failure-means,#remedy{max-width:60rem}
#compat-matrix td a{color:inherit;text-decoration:none}#compat-matrix sup a{text-decoration:underline}
.findings li{margin:.3rem 0}.level{font-weight:600}
`;

/** A complete page: `depth` is how many folders below the site root it lives (for relative links). */
export function pageShell(title: string, body: string, depth = 0): string {
  const up = "../".repeat(depth);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">${POLICY_META}<title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head><body>
<nav><a href="${up}index.html">mcp-contract</a><a href="${up}index.html#checks">checks</a><a href="${up}transports.html">transports and eras</a><a href="${up}cli.html">CLI reference</a><a href="${up}matrix.html">compatibility matrix</a></nav>
${body}
</body></html>
`;
}
