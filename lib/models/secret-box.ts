import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// AES-256-GCM for provider API keys at rest. The key comes from SECRET_ENCRYPTION_KEY and must
// be exactly 32 random bytes, given as 64 hex characters or as base64/base64url. Anything else is
// refused rather than stretched with a hash: a passphrase run through SHA-256 looks like a key but
// has a passphrase's strength, and a typo would silently encrypt under a key nobody can reproduce.

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
// 32 bytes are 43 base64 characters, plus one '=' when padded.
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * Turns SECRET_ENCRYPTION_KEY into the 32-byte key. The error never echoes the value,
 * since it is a secret and error messages end up in logs.
 */
export function parseEncryptionKey(raw: string | undefined): Buffer {
  const value = raw?.trim() ?? "";
  if (value === "") {
    throw new SecretBoxError(
      "SECRET_ENCRYPTION_KEY is not set: run the set-up, or set 64 hex characters (openssl rand -hex 32)",
    );
  }
  if (HEX_KEY.test(value)) return Buffer.from(value, "hex");
  if (BASE64_KEY.test(value)) {
    const key = Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (key.length === KEY_BYTES) return key;
  }
  throw new SecretBoxError(
    "SECRET_ENCRYPTION_KEY must be 32 bytes given as 64 hex characters or as base64 (openssl rand -hex 32)",
  );
}

/** A new key in the form parseEncryptionKey accepts, for the first set-up. */
export function generateEncryptionKey(): string {
  return randomBytes(KEY_BYTES).toString("hex");
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new SecretBoxError(`encryption key must be ${KEY_BYTES} bytes`);
}

/** Encrypts under a fresh random IV, so equal secrets give unrelated tokens. */
export function encryptSecret(plain: string, key: Buffer): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function decodePart(part: string, expectedBytes?: number): Buffer {
  if (!BASE64URL.test(part)) throw new SecretBoxError("malformed encrypted secret");
  const bytes = Buffer.from(part, "base64url");
  if (expectedBytes !== undefined && bytes.length !== expectedBytes)
    throw new SecretBoxError("malformed encrypted secret");
  return bytes;
}

/**
 * Decrypts a token from encryptSecret. Any tampering with IV, tag or ciphertext, or the wrong
 * key, fails the GCM tag check; the error does not say which, as that would help an attacker.
 */
export function decryptSecret(token: string, key: Buffer): string {
  assertKey(key);
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretBoxError("malformed encrypted secret");
  const iv = decodePart(parts[1], IV_BYTES);
  const tag = decodePart(parts[2], TAG_BYTES);
  const ciphertext = decodePart(parts[3]);
  // Pinning the tag length stops a truncated tag from being accepted.
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("could not decrypt secret: wrong SECRET_ENCRYPTION_KEY or tampered value");
  }
}

/**
 * Display form of a provider key: "sk-…abcd". Shorter secrets show less, so the visible part
 * never approaches half of the secret.
 */
export function maskSecret(plain: string): string {
  if (plain.length >= 16) return `${plain.slice(0, 3)}…${plain.slice(-4)}`;
  if (plain.length >= 8) return `…${plain.slice(-2)}`;
  return "…";
}
