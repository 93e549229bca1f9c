import { describe, expect, it } from "vitest";
import { bindingOf, REQUEST_STATE_TTL_MS, RequestStateRejected, RequestStateSeal } from "./request-state.js";

describe("RequestStateSeal", () => {
  const binding = bindingOf("confirm", { action: "a" });

  it("opens its own state for the same binding until it expires, then refuses it as expired", () => {
    const seal = new RequestStateSeal();
    const state = seal.seal(binding, 1_000);
    expect(() => seal.open(state, binding, 1_000 + REQUEST_STATE_TTL_MS)).not.toThrow();
    expect(() => seal.open(state, binding, 1_001 + REQUEST_STATE_TTL_MS)).toThrow(/expired/);
  });

  it("binds the state to the tool and the exact arguments", () => {
    const seal = new RequestStateSeal();
    const state = seal.seal(binding);
    expect(() => seal.open(state, bindingOf("confirm", { action: "b" }))).toThrow(RequestStateRejected);
    expect(() => seal.open(state, bindingOf("other", { action: "a" }))).toThrow(/another request/);
  });

  it("refuses a state sealed with another key, or with its payload swapped", () => {
    const state = new RequestStateSeal().seal(binding);
    expect(() => new RequestStateSeal().open(state, binding)).toThrow(/failed verification/);
    const [, signature] = state.split(".");
    const swapped = `${Buffer.from(JSON.stringify({ for: binding, exp: Date.now() + 10 ** 9 })).toString("base64url")}.${signature}`;
    expect(() => new RequestStateSeal().open(swapped, binding)).toThrow(/failed verification/);
  });
});
