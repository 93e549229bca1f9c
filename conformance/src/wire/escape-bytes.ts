/**
 * Shows bytes so that the invisible ones can be argued about: CR, LF, TAB, NUL, a stray BOM, or
 * an invalid UTF-8 byte each appear as an escape, everything printable as itself.
 */

/** `event: x\r\ndata` → `event: x\r\n` + `data` with `\r` and `\n` spelled out. */
export function escapeBytes(bytes: Uint8Array, maxBytes = 240): string {
  const shown = bytes.subarray(0, maxBytes);
  let out = "";
  for (const byte of shown) {
    if (byte === 0x0a) out += "\\n";
    else if (byte === 0x0d) out += "\\r";
    else if (byte === 0x09) out += "\\t";
    else if (byte === 0x5c) out += "\\\\";
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, "0")}`;
  }
  return bytes.length > maxBytes ? `${out}… (${bytes.length} bytes)` : out;
}
