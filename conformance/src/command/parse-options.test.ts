import { describe, expect, it } from "vitest";
import { parseCheckOptions, type CheckFlags } from "./parse-options.js";

const URL_ = "http://127.0.0.1:9/v1/mcp/sse";

describe("parseCheckOptions", () => {
  it.each<[string, string[], CheckFlags, RegExp]>([
    ["no URL", [], {}, /^missing <url>: give the MCP endpoint to check, e\.g\. mcp-contract check http:\/\/127\.0\.0\.1:8090\/mcp$/],
    ["two URLs", [URL_, URL_], {}, /^unexpected argument http:\S+ after http:\S+: give exactly one <url>/],
    ["not a URL", ["not a url"], {}, /^"not a url" is not a URL: give the endpoint's full http:\/\/ or https:\/\/ URL/],
    ["a URL without its scheme", ["127.0.0.1:8090/mcp"], {}, /^"127\.0\.0\.1:8090\/mcp" is not a URL \(did you mean http:\/\/127\.0\.0\.1:8090\/mcp\?\)/],
    ["a host:port read as a scheme", ["localhost:8090/mcp"], {}, /^"localhost:8090\/mcp" is not an http\(s\) URL \(its scheme is localhost:\) \(did you mean http:\/\/localhost:8090\/mcp\?\)/],
    ["not http", ["ftp://127.0.0.1/x"], {}, /^"ftp:\/\/127\.0\.0\.1\/x" is not an http\(s\) URL \(its scheme is ftp:\): mcp-contract checks MCP over HTTP/],
    ["an unknown profile", [URL_], { profile: "grpc" }, /^--profile grpc is not one of auto, spice, opensearch, celonis, generic$/],
    ["a mistyped profile", [URL_], { profile: "celonsi" }, /^--profile celonsi is not one of .*; did you mean --profile celonis\?$/],
    ["a mistyped era", [URL_], { era: "moden" }, /^--era moden is not one of auto, legacy, modern; did you mean --era modern\?$/],
    ["a transport named by its part", [URL_], { transport: "sse" }, /^--transport sse is not one of auto, http\+sse, streamable-http; did you mean --transport http\+sse\?$/],
    ["a zero timeout", [URL_], { timeout: "0" }, /^--timeout 0 is out of range: give a whole number from 1 to 600000$/],
    ["a timeout with a unit", [URL_], { timeout: "5s" }, /^--timeout 5s: give milliseconds with no unit, e\.g\. --timeout 5000$/],
    ["a timeout that is no number", [URL_], { timeout: "soon" }, /^--timeout soon is not a number: give a whole number from 1 to 600000$/],
    ["a fractional rate limit", [URL_], { "rate-limit": "1.5" }, /^--rate-limit 1\.5 is not a whole number: give a whole number from 1 to 100000$/],
    ["a header without a colon", [URL_], { header: ["no colon"] }, /write it as 'Name: value'/],
    ["an empty bearer", [URL_], { bearer: " " }, /--bearer needs a token/],
    ["an unknown reporter", [URL_], { reporter: ["tap"] }, /^--reporter tap is not one of pretty, json, junit, sarif, markdown, html$/],
    ["a mistyped reporter in a list", [URL_], { reporter: ["pretty,jsn"] }, /^--reporter jsn is not one of pretty, json, junit, sarif, markdown, html; did you mean --reporter json\?$/],
    ["an empty --reporter", [URL_], { reporter: [""] }, /^--reporter needs a value: one of pretty, json/],
    ["--tool-args that are not JSON", [URL_], { tool: "echo", "tool-args": "{text:1}" }, /^--tool-args \{text:1\} is not JSON \(.+\); it breaks off at character 2: "text:1\}"; give the arguments as a JSON object/],
    ["--tool-args that are a JSON array", [URL_], { tool: "echo", "tool-args": "[1]" }, /^--tool-args \[1\] is an array, not a JSON object/],
    ["a mistyped --only id", [URL_], { only: ["sse-framin"] }, /^unknown check or group "sse-framin"\. Did you mean: sse-framing/],
    ["a --registry that is not a URL", [URL_], { registry: "127.0.0.1:8090" }, /--registry 127\.0\.0\.1:8090: give the registry's http\(s\) base URL/],
    ["an empty --baseline", [URL_], { baseline: "" }, /--baseline needs a file/],
    ["two machine reporters on stdout", [URL_], { reporter: ["json", "junit"] }, /cannot share stdout: add --output/],
    ["--output without a machine reporter", [URL_], { output: ["r.json"] }, /add --reporter json/],
    ["three outputs for two reporters", [URL_], { reporter: ["json", "junit"], output: ["a", "b", "c"] }, /3 --output files for 2 machine reporters/],
    ["--sarif-location without a SARIF report", [URL_], { reporter: ["json"], "sarif-location": "openapi.yaml" }, /--sarif-location places the results of a SARIF report: add --reporter sarif/],
    ["an empty --capability-tool", [URL_], { "capability-tool": " " }, /--capability-tool needs the name of a listed tool/],
    ["an empty --sarif-location", [URL_], { reporter: ["sarif"], "sarif-location": " " }, /--sarif-location needs a file of your repository/],
  ])("refuses %s, saying how to fix it", (_, positionals, flags, message) => {
    const parsed = parseCheckOptions(positionals, flags);
    expect("error" in parsed && parsed.error).toMatch(message);
  });

  it("gives --tool-args to --capability-tool only when --tool names the same tool", () => {
    const same = parseCheckOptions([URL_], { "capability-tool": "confirm", tool: "confirm", "tool-args": '{"action":"x"}' });
    const other = parseCheckOptions([URL_], { "capability-tool": "confirm", tool: "echo", "tool-args": '{"text":"x"}' });
    if ("error" in same || "error" in other) throw new Error("refused");
    expect(same.run.capabilityTool).toEqual({ name: "confirm", args: { action: "x" } });
    expect(other.run.capabilityTool).toEqual({ name: "confirm", args: undefined });
  });

  it("marks credential headers and --bearer for redaction and the auth check", () => {
    const parsed = parseCheckOptions([URL_], { header: ["X-API-Key: k", "X-Trace: 1", "Cookie: c"], bearer: "t" });
    if ("error" in parsed) throw new Error(parsed.error);
    expect(parsed.run.headers).toEqual({ "X-API-Key": "k", "X-Trace": "1", Cookie: "c", Authorization: "Bearer t" });
    expect(parsed.run.credentialHeaders).toEqual(["x-api-key", "cookie", "authorization"]);
  });

  it.each<[string, CheckFlags, object]>([
    ["pretty alone on stdout", {}, { pretty: "stdout", machine: [] }],
    ["one machine reporter on stdout, pretty moved to stderr", { reporter: ["pretty", "json"] }, { pretty: "stderr", machine: [{ reporter: "json", to: "stdout" }] }],
    ["one --output per machine reporter, in order", { reporter: ["junit", "json"], output: ["a.xml", "b.json"] }, { machine: [{ reporter: "junit", to: "a.xml" }, { reporter: "json", to: "b.json" }] }],
    ["one --output for several: <output>.<ext>", { reporter: ["json", "junit", "sarif"], output: ["out/r"] }, { machine: [{ reporter: "json", to: "out/r.json" }, { reporter: "junit", to: "out/r.xml" }, { reporter: "sarif", to: "out/r.sarif" }] }],
    ["markdown beside the others: <output>.md", { reporter: ["pretty,markdown", "junit"], output: ["out/r"] }, { pretty: "stdout", machine: [{ reporter: "markdown", to: "out/r.md" }, { reporter: "junit", to: "out/r.xml" }] }],
    ["html beside the others: <output>.html", { reporter: ["pretty,html", "json"], output: ["out/r"] }, { pretty: "stdout", machine: [{ reporter: "html", to: "out/r.html" }, { reporter: "json", to: "out/r.json" }] }],
    ["markdown alone on stdout, pretty moved to stderr", { reporter: ["pretty", "markdown"] }, { pretty: "stderr", machine: [{ reporter: "markdown", to: "stdout" }] }],
  ])("routes outputs: %s", (_, flags, plan) => {
    const parsed = parseCheckOptions([URL_], flags);
    if ("error" in parsed) throw new Error(parsed.error);
    expect(parsed.outputs).toMatchObject(plan);
  });

  it("splits comma-separated selectors and reads numbers", () => {
    const parsed = parseCheckOptions([URL_], { only: ["sse,mcp-ping"], skip: ["sse-keepalive"], timeout: "250", deadline: "9000", strict: true });
    if ("error" in parsed) throw new Error(parsed.error);
    expect(parsed.run).toMatchObject({ only: ["sse", "mcp-ping"], skip: ["sse-keepalive"], timeoutMs: 250, deadlineMs: 9000, strict: true, profile: "auto" });
  });
});
