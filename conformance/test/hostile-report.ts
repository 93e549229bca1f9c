/**
 * Reports for the document reporters' tests (Markdown, HTML): a real failing run, and the same run
 * with every field a server or a user can put text into replaced by markup that would break out of
 * a table, a code block, a <details>, an attribute or a script if it were not escaped. Counts are
 * recomputed with the model's own `summarize`, so a report stays one the runner could produce.
 */
import type { CheckResult, Evidence, Report } from "../src/report/model.js";
import { summarize } from "../src/report/model.js";

/** Markup that must come out as text, whatever the context it lands in. */
export const HOSTILE = "</script><img src=x onerror=alert(1)> | ** [x](javascript:alert(1)) `tick` $m$ <!-- --> ]]> </details></summary>";

/** Evidence whose body tries to close a fenced block, then the details, then inject HTML. */
export const HOSTILE_BODY = "```\n~~~\n</details>\n<script>alert(2)</script>\n``````\n<img src=y onerror=alert(3)>";

export function hostileEvidence(): Evidence {
  return {
    request: { method: "POST", url: "http://127.0.0.1:9/mcp?x=<b>", headers: { "x-trace": HOSTILE }, bodyExcerpt: HOSTILE_BODY },
    response: { status: 500, headers: { "content-type": "text/html", "x-evil": HOSTILE }, bodyExcerpt: HOSTILE_BODY, streamExcerpt: "data: <svg onload=alert(4)>\\n", error: "cut short\n```\n</details><img src=z onerror=alert(5)>", durationMs: 3 },
    notes: [HOSTILE],
  };
}

/** `base` with its first failure's message and evidence, and the detection text, made hostile. */
export function hostileReport(base: Report): Report {
  const index = base.results.findIndex((r) => r.status === "failed");
  if (index < 0) throw new Error("the base report has no failure to make hostile");
  const results = base.results.map((r, i) => (i === index ? { ...r, message: HOSTILE, evidence: hostileEvidence() } : r));
  return {
    ...base,
    target: { ...base.target, detection: { ...base.target.detection, summary: HOSTILE, steps: [...base.target.detection.steps, HOSTILE] } },
    results,
    summary: summarize(results, base.baseline !== undefined),
  };
}

/** `base` with its results replaced (the summary recomputed). */
export function withResults(base: Report, results: readonly CheckResult[], withBaseline = false): Report {
  return { ...base, results, summary: summarize(results, withBaseline) };
}

/** A failed result with evidence of about `evidenceChars` characters. */
export function bulkyFailure(id: string, evidenceChars: number): CheckResult {
  return {
    id,
    group: "bulk",
    level: "MUST",
    title: `bulky ${id}`,
    status: "failed",
    durationMs: 1,
    message: `failure ${id}`,
    reference: "https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management",
    evidence: { request: { method: "GET", url: "http://127.0.0.1:9/mcp", headers: {} }, response: { status: 500, bodyExcerpt: "é".repeat(evidenceChars) } },
  };
}
