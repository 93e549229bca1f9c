import { describe, expect, it } from "vitest";
import { OriginPolicy } from "./origin-policy.js";

describe("OriginPolicy Host check on loopback", () => {
  it("refuses a rebound Host whatever Host came before it, and keeps letting the loopback one through", () => {
    const policy = new OriginPolicy([], "127.0.0.1");
    const hosts = ["127.0.0.1:8080", "evil.example:8080", "127.0.0.1:8080", "127.0.0.1:8080", "EVIL.example", "LOCALHOST:1", "[::1]:9", "evil.example:8080"];
    expect(hosts.map((host) => policy.refusal({ host }))).toEqual([
      undefined,
      "Host 'evil.example:8080' is not allowed",
      undefined,
      undefined,
      "Host 'EVIL.example' is not allowed",
      undefined,
      undefined,
      "Host 'evil.example:8080' is not allowed",
    ]);
  });
});
