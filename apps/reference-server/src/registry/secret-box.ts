/**
 * Seals the registry's secrets (upstream auth tokens, custom header and env values) before they
 * reach the database, so a copy of the file or its WAL does not give them away.
 *
 * A sealed value is text: `enc:v1:<key id>:<base64 of IV ‖ ciphertext ‖ tag>`. AES-256-GCM with
 * a random 12-byte IV per value; `v1` names this format so a later one can be told apart; the key
 * id (a hash of the key, not the key) says which key sealed it, so a rotation can open values
 * under the previous key and a wrong key is named as such instead of looking like tampering.
 * The associated data binds each value to its server and column: a value copied onto another row
 * or column fails authentication like any other alteration.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** A bad, missing or wrong secret key, or a sealed value that fails authentication. */
export class SecretKeyError extends Error {
  override readonly name = "SecretKeyError";
}

export const SECRET_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PREFIX = "enc:v1:";
const SEALED = /^enc:v1:([0-9a-f]{16}):([A-Za-z0-9+/]+={0,2})$/;

/** Whether `text` is in the sealed format (any key). Anything else is a clear value. */
export function isSealed(text: string): boolean {
  return SEALED.test(text);
}

/** The id a key's sealed values carry: 8 bytes of a domain-separated SHA-256, in hex. */
export function keyIdOf(key: Uint8Array): string {
  return createHash("sha256").update("mcp-contract registry secret key id\0").update(key).digest("hex").slice(0, 16);
}

/** The key id a sealed value names, or undefined for a clear value. */
export function sealedKeyId(text: string): string | undefined {
  return SEALED.exec(text)?.[1];
}

export class SecretBox {
  readonly #key: Buffer;
  readonly #previous: Buffer | undefined;
  /** The id of the key new values are sealed with. */
  readonly keyId: string;
  readonly #previousId: string | undefined;

  /** `previous`, when given, is only used to open values (a rotation in progress). */
  constructor(key: Uint8Array, previous?: Uint8Array) {
    this.#key = checked(key, "the secret key");
    this.keyId = keyIdOf(this.#key);
    this.#previous = previous === undefined ? undefined : checked(previous, "the previous secret key");
    this.#previousId = this.#previous && keyIdOf(this.#previous);
  }

  /** `plain` sealed under the current key, bound to `context` (e.g. `server id/column`). */
  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([iv, cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}${this.keyId}:${body.toString("base64")}`;
  }

  /** Whether `sealed` is sealed under the current key (else a rotation must re-seal it). */
  isCurrent(sealed: string): boolean {
    return sealedKeyId(sealed) === this.keyId;
  }

  /** The clear value of `sealed`; a SecretKeyError when no key of this box opens it or it was altered. */
  open(sealed: string, context: string): string {
    const match = SEALED.exec(sealed);
    if (!match) throw new SecretKeyError(`the stored secret ${context} is not in the sealed format (the database was altered).`);
    const [, id, base64] = match as unknown as [string, string, string];
    const key = id === this.keyId ? this.#key : id === this.#previousId ? this.#previous : undefined;
    if (!key) {
      throw new SecretKeyError(
        `the stored secret ${context} was sealed with key ${id}, but --secret-key/SECRET_KEY is key ${this.keyId}` +
          `${this.#previousId ? ` and --previous-secret-key is key ${this.#previousId}` : ""}. ` +
          "Start with the key the database was written with (to change keys, pass the new one as --secret-key and the old one as --previous-secret-key).",
      );
    }
    const body = Buffer.from(base64, "base64");
    if (body.length < IV_BYTES + TAG_BYTES) throw new SecretKeyError(`the stored secret ${context} is truncated (the database was altered).`);
    const decipher = createDecipheriv("aes-256-gcm", key, body.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(body.subarray(IV_BYTES, body.length - TAG_BYTES)), decipher.final()]).toString("utf8");
    } catch {
      throw new SecretKeyError(`the stored secret ${context} fails authentication under key ${id}: the database was altered.`);
    }
  }
}

/**
 * A key as the operator writes it: 32 bytes in hex (64 characters) or base64 (44 characters,
 * standard or URL-safe alphabet). Undefined when `text` is neither.
 */
export function parseSecretKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const key = Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (key.length === SECRET_KEY_BYTES) return key;
  }
  return undefined;
}

function checked(key: Uint8Array, what: string): Buffer {
  if (key.length !== SECRET_KEY_BYTES) throw new SecretKeyError(`${what} must be ${SECRET_KEY_BYTES} bytes, got ${key.length}.`);
  return Buffer.from(key);
}
