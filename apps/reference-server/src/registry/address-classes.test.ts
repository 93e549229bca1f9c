import { describe, expect, it } from "vitest";
import { canonicalAddress, refusedAddressClass } from "./address-classes.js";

describe("refusedAddressClass", () => {
  // The IANA special-purpose registries (IPv4 and IPv6), and AWS's IPv6 metadata address.
  it.each([
    ["127.0.0.1", "a loopback address"],
    ["127.255.0.9", "a loopback address"],
    ["::1", "a loopback address"],
    ["169.254.169.254", "a link-local address (where cloud metadata services listen)"],
    ["fe80::1", "a link-local address (where cloud metadata services listen)"],
    ["10.0.0.1", "a private (RFC 1918) address"],
    ["172.31.255.255", "a private (RFC 1918) address"],
    ["192.168.0.1", "a private (RFC 1918) address"],
    ["fd00:ec2::254", "a unique-local IPv6 address"],
    ["100.100.100.200", "a shared (CGNAT) address"],
    ["0.0.0.0", "the unspecified address"],
    ["::", "the unspecified address"],
    ["::ffff:169.254.169.254", "a link-local address (where cloud metadata services listen) (IPv4-mapped)"],
    ["::ffff:7f00:1", "a loopback address (IPv4-mapped)"],
    ["224.0.0.1", "a multicast address"],
    ["64:ff9b::a9fe:a9fe", "a special-purpose address (rfc6052)"],
    ["[::1]", "a loopback address"],
  ])("refuses %s as %s", (address, reason) => {
    expect(refusedAddressClass(address)).toBe(reason);
  });

  it.each(["93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"])("lets public unicast %s through", (address) => {
    expect(refusedAddressClass(address)).toBeUndefined();
  });

  it("canonicalizes IP literals and leaves names and non-standard forms alone", () => {
    expect(canonicalAddress("[::ffff:127.0.0.1]")).toBe("::ffff:7f00:1");
    expect(canonicalAddress("127.0.0.1")).toBe("127.0.0.1");
    expect(canonicalAddress("localhost")).toBeUndefined();
    expect(canonicalAddress("0x7f.1")).toBeUndefined();
  });
});
