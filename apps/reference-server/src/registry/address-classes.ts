/**
 * Which IP addresses an upstream may not be reached at by default: every address that is not
 * plain public unicast (loopback, link-local, where cloud metadata services listen, RFC 1918
 * private, unique-local, CGNAT shared space, unspecified, multicast, reserved). ipaddr.js knows
 * the special-purpose registries; an IPv4-mapped IPv6 address is judged as the IPv4 it carries.
 * @see https://www.iana.org/assignments/iana-ipv4-special-registry/
 * @see https://www.iana.org/assignments/iana-ipv6-special-registry/
 */
import ipaddr from "ipaddr.js";

/** How each refused range reads in an error message. */
const CLASS_NAMES: Readonly<Record<string, string>> = {
  loopback: "a loopback address",
  linkLocal: "a link-local address (where cloud metadata services listen)",
  private: "a private (RFC 1918) address",
  uniqueLocal: "a unique-local IPv6 address",
  carrierGradeNat: "a shared (CGNAT) address",
  unspecified: "the unspecified address",
  broadcast: "the broadcast address",
  multicast: "a multicast address",
};

/** The IP literal's canonical text (`::ffff:127.0.0.1` → `::ffff:7f00:1`), or undefined if it is not one. */
export function canonicalAddress(text: string): string | undefined {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  // isValid also takes "127.1" and "0x7f.1": only the standard forms (which URL produces) count.
  return ipaddr.IPv4.isValidFourPartDecimal(bare) || (bare.includes(":") && ipaddr.IPv6.isValid(bare))
    ? ipaddr.parse(bare).toString()
    : undefined;
}

/** Why an upstream may not be reached at `address` (an IP literal), or undefined for a public unicast one. */
export function refusedAddressClass(address: string): string | undefined {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return "not an IP address";
  const parsed: ipaddr.IPv4 | ipaddr.IPv6 = ipaddr.parse(bare);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    const carried = (parsed as ipaddr.IPv6).toIPv4Address();
    const inner = refusedAddressClass(carried.toString());
    return inner === undefined ? undefined : `${inner} (IPv4-mapped)`;
  }
  const range = parsed.range();
  if (range === "unicast") return undefined;
  return CLASS_NAMES[range] ?? `a special-purpose address (${range})`;
}
