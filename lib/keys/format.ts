// Key format (SPEC §3, GitHub's token layout): `<prefix>_` + 32 base62 characters from a CSPRNG
// (≈ 190 bits) + 6 base62 characters of CRC32 over everything before them. The checksum lets
// typos and scanners' false positives be rejected without touching the database.
// Not "server-only": server.ts imports it outside Next's bundler.
import { hash, randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
/** How many leading characters of a secret are kept for display. */
export const KEY_START_LENGTH = 12;

function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 × 62: bytes above it are dropped so every character is equally likely.
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

function toBase62(value: number, width: number): string {
  let out = "";
  let rest = value;
  for (let i = 0; i < width; i++) {
    out = ALPHABET[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

export function checksum(body: string): string {
  return toBase62(crc32(body), CHECKSUM_LENGTH);
}

export function generateKey(prefix: string): string {
  const body = `${prefix}_${randomBase62(RANDOM_LENGTH)}`;
  return body + checksum(body);
}

export type ParsedKey = { ok: true } | { ok: false; reason: "prefix" | "length" | "alphabet" | "checksum" };

/** Checks shape and checksum only: no database work. */
export function parseKey(secret: string, prefix: string): ParsedKey {
  if (!secret.startsWith(`${prefix}_`)) return { ok: false, reason: "prefix" };
  const tail = secret.slice(prefix.length + 1);
  if (tail.length !== RANDOM_LENGTH + CHECKSUM_LENGTH) return { ok: false, reason: "length" };
  if (!/^[0-9A-Za-z]+$/.test(tail)) return { ok: false, reason: "alphabet" };
  const body = secret.slice(0, secret.length - CHECKSUM_LENGTH);
  if (checksum(body) !== secret.slice(-CHECKSUM_LENGTH)) return { ok: false, reason: "checksum" };
  return { ok: true };
}

/** The stored form: SHA-256 of the whole secret, hex (one-shot: no Hash object per call). */
export function hashKey(secret: string): string {
  return hash("sha256", secret, "hex");
}

export function keyStart(secret: string): string {
  return secret.slice(0, KEY_START_LENGTH);
}
