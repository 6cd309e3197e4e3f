import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  SecretBoxError,
  decryptSecret,
  encryptSecret,
  generateEncryptionKey,
  maskSecret,
  parseEncryptionKey,
} from "./secret-box";

const key = randomBytes(32);
const providerKey = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";

/** Flips one bit in the decoded bytes of part `index` of a token. */
function tamper(token: string, index: number): string {
  const parts = token.split(".");
  const bytes = Buffer.from(parts[index], "base64url");
  bytes[0] ^= 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, including unicode and the empty string", () => {
    for (const plain of [providerKey, "ключ-🔑", ""]) {
      expect(decryptSecret(encryptSecret(plain, key), key)).toBe(plain);
    }
  });

  it("writes v1.<iv>.<tag>.<ciphertext> in base64url without the plaintext", () => {
    const token = encryptSecret(providerKey, key);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(token).not.toContain(providerKey);
    expect(token).not.toContain("sk-proj");
  });

  it("gives different tokens for the same value (random IV)", () => {
    const a = encryptSecret(providerKey, key);
    const b = encryptSecret(providerKey, key);
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
  });

  it.each([
    ["iv", 1],
    ["tag", 2],
    ["ciphertext", 3],
  ])("refuses a tampered %s", (_, index) => {
    const token = tamper(encryptSecret(providerKey, key), index);
    expect(() => decryptSecret(token, key)).toThrow(SecretBoxError);
  });

  it("refuses the wrong key without saying more", () => {
    const token = encryptSecret(providerKey, key);
    expect(() => decryptSecret(token, randomBytes(32))).toThrow(/wrong SECRET_ENCRYPTION_KEY or tampered value/);
  });

  it.each([
    ["another version", (t: string) => t.replace(/^v1/, "v2")],
    ["a missing part", (t: string) => t.split(".").slice(0, 3).join(".")],
    [
      "a truncated tag",
      (t: string) =>
        t
          .split(".")
          .map((p, i) => (i === 2 ? p.slice(0, 11) : p))
          .join("."),
    ],
    ["characters outside base64url", (t: string) => `${t}!`],
  ])("refuses %s", (_, change) => {
    expect(() => decryptSecret(change(encryptSecret(providerKey, key)), key)).toThrow(/malformed encrypted secret/);
  });

  it("refuses keys that are not 32 bytes", () => {
    expect(() => encryptSecret(providerKey, randomBytes(16))).toThrow(SecretBoxError);
  });
});

describe("parseEncryptionKey", () => {
  const bytes = randomBytes(32);

  it.each([
    ["hex", bytes.toString("hex")],
    ["upper-case hex", bytes.toString("hex").toUpperCase()],
    ["base64", bytes.toString("base64")],
    ["base64url", bytes.toString("base64url")],
    ["hex with surrounding whitespace", ` ${bytes.toString("hex")}\n`],
  ])("accepts %s", (_, raw) => {
    expect(parseEncryptionKey(raw).equals(bytes)).toBe(true);
  });

  it.each([
    ["unset", undefined],
    ["empty", ""],
    ["a passphrase", "correct horse battery staple"],
    ["16 bytes of hex", randomBytes(16).toString("hex")],
    ["48 bytes of base64", randomBytes(48).toString("base64")],
  ])("refuses %s without echoing it", (_, raw) => {
    expect(() => parseEncryptionKey(raw)).toThrow(SecretBoxError);
    try {
      parseEncryptionKey(raw);
    } catch (error) {
      if (raw) expect((error as Error).message).not.toContain(raw);
    }
  });

  it("generates keys it accepts", () => {
    const generated = generateEncryptionKey();
    expect(generated).toMatch(/^[0-9a-f]{64}$/);
    expect(parseEncryptionKey(generated)).toHaveLength(32);
    expect(generateEncryptionKey()).not.toBe(generated);
  });
});

describe("maskSecret", () => {
  it.each([
    ["sk-proj-abcdefghijklmnopqrstuvwxyzabcd", "sk-…abcd"],
    ["sk-ant-api03-0123456789wxyz", "sk-…wxyz"],
    ["0123456789abcdef", "012…cdef"],
    ["short-key-ab", "…ab"],
    ["12345678", "…78"],
    ["abc", "…"],
    ["", "…"],
  ])("masks %j as %j", (plain, masked) => {
    expect(maskSecret(plain)).toBe(masked);
  });
});
