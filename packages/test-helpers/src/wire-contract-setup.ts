/**
 * The vitest setup file of every workspace (vitest.shared.ts): after each test, and after each
 * file's own after-hooks, fails if any server the test started through startServer (or attached
 * with recordWireContract) put something on the wire that the OpenAPI specs do not allow.
 * Registered first, so it runs after the test's own afterEach/afterAll (hooks run as a stack) and
 * sees what they closed.
 */
import { afterAll, afterEach } from "vitest";
import { assertNoWireViolations } from "./wire-contract/store.js";

afterEach(() => assertNoWireViolations());
afterAll(() => assertNoWireViolations());
