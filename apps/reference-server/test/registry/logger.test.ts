import { describe, expect, it } from "vitest";
import { toRegistryLogger } from "../../src/registry/logger.js";

describe("registry logger option", () => {
  it("accepts the app's line function and marks each line with the registry and its level", () => {
    const lines: string[] = [];
    const logger = toRegistryLogger((line) => lines.push(line));
    logger.info("started");
    logger.warn("slow");
    logger.error("broken");
    expect(lines).toEqual(["[registry] started", "[registry] warning: slow", "[registry] error: broken"]);
  });

  it("passes a leveled logger through unchanged", () => {
    const leveled = { info: () => undefined, warn: () => undefined, error: () => undefined };
    expect(toRegistryLogger(leveled)).toBe(leveled);
  });
});
