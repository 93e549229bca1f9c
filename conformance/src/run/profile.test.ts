import { describe, expect, it } from "vitest";
import { profileFromEndpoint, profileFromUrl, streamableProfileFromUrl } from "./profile.js";

describe("profiles", () => {
  it.each([
    ["http://h/v1/mcp/sse", "spice"],
    ["http://h/v1/mcp/sse/", "spice"],
    ["http://h/proxy/_plugins/_ml/mcp/sse?append_to_base_url=true", "opensearch"],
    ["https://team.eu-1.celonis.cloud/studio-copilot/api/v1/mcp-servers/mcp/56b10c32", "celonis"],
    ["http://h/sse", undefined],
    ["http://h/studio-copilot/api/v1/mcp-servers/mcp/", undefined],
  ])("reads %s from the URL as %s", (url, profile) => {
    expect(profileFromUrl(new URL(url))).toBe(profile);
  });

  it.each([
    ["http://h/v1/mcp", "spice"],
    ["http://h/v1/mcp/", "spice"],
    ["http://h/proxy/_plugins/_ml/mcp", "opensearch"],
    ["http://h/mcp", undefined],
    ["http://h/v1/mcp/sse", undefined],
  ])("reads the Streamable HTTP endpoint %s as %s", (url, profile) => {
    expect(streamableProfileFromUrl(new URL(url))).toBe(profile);
  });

  it.each([
    ["/sse/message?sessionId=x", "opensearch"],
    ["/_plugins/_ml/mcp/sse/message?sessionId=x", "opensearch"],
    ["/v1/mcp/sse?sessionId=x", "spice"],
    ["/messages?sessionId=x", undefined],
    ["?sessionId=x", undefined],
  ])("reads endpoint data %s as %s", (data, profile) => {
    expect(profileFromEndpoint(data, new URL("http://h/mcp"))).toBe(profile);
  });
});
