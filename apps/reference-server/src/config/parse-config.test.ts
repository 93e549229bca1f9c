import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./parse-config.js";
import { DEFAULT_CONFIG } from "./server-config.js";

const run = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  const parsed = parseConfig(argv, env);
  if (parsed.kind !== "run") throw new Error("expected a run command");
  return parsed.config;
};

describe("parseConfig", () => {
  it("uses the embedded defaults with no flags and no env", () => {
    expect(run([])).toEqual(DEFAULT_CONFIG);
  });

  it.each([
    [["--port", "0"], {}, { port: 0 }],
    [["--port=9000"], { PORT: "1" }, { port: 9000 }],
    [[], { PORT: "8091", HOST: "::1" }, { port: 8091, host: "::1" }],
    [["--keep-alive-ms", "50", "--celonis-stream-ms", "100"], {}, { keepAliveMs: 50, celonisStreamMs: 100 }],
    [[], { KEEP_ALIVE_MS: "20", CELONIS_STREAM_MS: "30", RATE_LIMIT_PER_MINUTE: "0", PAGE_SIZE: "2" }, { keepAliveMs: 20, celonisStreamMs: 30, rateLimitPerMinute: 0, pageSize: 2 }],
    [["--api-key", "a", "--api-key", "b"], { API_KEYS: "c, a" }, { apiKeys: ["c", "a", "b"] }],
    [["--bearer-token", "t"], { BEARER_TOKENS: "" }, { bearerTokens: ["t"] }],
    [["--admin-token", "op-1"], { ADMIN_TOKENS: "op-2, op-1" }, { adminTokens: ["op-2", "op-1"] }],
    [["--max-batch-messages", "7"], { MAX_BATCH_MESSAGES: "9" }, { maxBatchMessages: 7 }],
    [[], { MAX_BATCH_ANSWER_BYTES: "65536" }, { maxBatchAnswerBytes: 65_536 }],
    [["--allow-origin", "HTTP://App.Example:3000/"], { ALLOWED_ORIGINS: "https://b.example,*" }, { allowedOrigins: ["https://b.example", "*", "http://app.example:3000"] }],
  ])("reads %j with env %j", (argv, env, expected) => {
    expect(run(argv, env)).toEqual({ ...DEFAULT_CONFIG, ...expected });
  });

  it("reads the upstream host allowlist from --allow-upstream-host and UPSTREAM_HOST_ALLOWLIST, normalized", () => {
    const parsed = parseConfig(["--allow-upstream-host", "[::1]", "--allow-upstream-host", "LocalHost"], { UPSTREAM_HOST_ALLOWLIST: "127.0.0.1, localhost" });
    if (parsed.kind !== "run") throw new Error("expected a run command");
    expect(parsed.registry.upstreamHostAllowlist).toEqual(["127.0.0.1", "localhost", "::1"]);
    const bytes = parseConfig(["--max-upstream-answer-bytes", "65536"], { MAX_UPSTREAM_ANSWER_BYTES: "1" });
    expect(bytes.kind === "run" && bytes.registry.maxUpstreamAnswerBytes).toBe(65_536);
    const none = parseConfig([], {});
    expect(none.kind === "run" && none.registry.maxUpstreamAnswerBytes).toBe(4 * 1024 * 1024);
    expect(none.kind === "run" && none.registry.upstreamHostAllowlist).toEqual([]);
  });

  it("reads the request timeouts from flags and env", () => {
    const parsed = parseConfig(["--headers-timeout-ms", "2000"], { REQUEST_TIMEOUT_MS: "4000" });
    expect(parsed.kind === "run" && [parsed.config.headersTimeoutMs, parsed.config.requestTimeoutMs]).toEqual([2000, 4000]);
  });

  it("asks for help", () => {
    expect(parseConfig(["--help"], {})).toEqual({ kind: "help" });
    expect(parseConfig(["-h"], {})).toEqual({ kind: "help" });
  });

  it.each([
    [["--nope"], {}, "Unknown option '--nope'"],
    [["--port", "x"], {}, "--port must be an integer from 0 to 65535, got 'x'"],
    [["--port", "70000"], {}, "--port must be an integer"],
    [[], { PORT: "-1" }, "PORT must be an integer"],
    [["--keep-alive-ms", "0"], {}, "--keep-alive-ms must be an integer from 1"],
    [["--allow-origin", "http://a.example/path"], {}, "takes origins like http://app.example:3000"],
    [["--allow-origin", "ftp://a.example"], {}, "takes origins like"],
    [["positional"], {}, "Run with --help"],
    [["--allow-upstream-host", "http://127.0.0.1:8080"], {}, "--allow-upstream-host/UPSTREAM_HOST_ALLOWLIST takes host names or IP addresses"],
    [["--max-upstream-answer-bytes", "10"], {}, "--max-upstream-answer-bytes must be an integer from 1024 to 1073741824"],
    [[], { UPSTREAM_HOST_ALLOWLIST: "10.0.0.0/8" }, "no scheme or port), got '10.0.0.0/8'"],
    [["--headers-timeout-ms", "5000", "--request-timeout-ms", "1000"], {}, "--headers-timeout-ms (5000) must not exceed --request-timeout-ms (1000)"],
    [[], { REQUEST_TIMEOUT_MS: "0" }, "REQUEST_TIMEOUT_MS must be an integer from 1"],
  ])("refuses %j %j with a message naming the problem", (argv, env, message) => {
    expect(() => parseConfig(argv, env)).toThrow(ConfigError);
    expect(() => parseConfig(argv, env)).toThrow(message);
  });
});
