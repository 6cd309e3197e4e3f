import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checksum, generateKey, hashKey, KEY_START_LENGTH, keyStart, parseKey } from "@/lib/keys/format";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
// Vectors computed once outside this code (Python's zlib.crc32 + base62, big-endian, padded to 6),
// so a change to the CRC, the alphabet order or the padding shows up here.
const ZERO_BODY = "kd_" + "0".repeat(32);
const ZERO_KEY = ZERO_BODY + "0c0rKx";

/** The same key with the character at `index` swapped for another base62 character. */
function withCharAt(secret: string, index: number, replacement: string): string {
  return secret.slice(0, index) + replacement + secret.slice(index + 1);
}

function otherBase62Char(current: string): string {
  const candidates = ALPHABET.replace(current, "");
  return candidates[randomInt(candidates.length)]!;
}

describe("checksum", () => {
  it.each([
    [ZERO_BODY, "0c0rKx"],
    ["kd_" + "A".repeat(32), "0omHuL"],
    ["kd_0123456789ABCDEFGHIJKLMNOPQRSTUV", "43l5ts"],
    ["acme_" + "z".repeat(32), "4Jbez0"],
    // CRC32 of nothing is 0: padding keeps the width at six characters.
    ["", "000000"],
  ])("checksum(%j) is %s", (body, expected) => {
    expect(checksum(body)).toBe(expected);
  });
});

describe("hashKey and keyStart", () => {
  it("hashes with SHA-256 as lower-case hex", () => {
    expect(hashKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashKey(ZERO_KEY)).toBe("c0cd1dffb6bbb3189aef0b050636ba2e37d00e7cfa46343f3a1dc6d8855d355a");
  });

  it("keeps the first 12 characters for display", () => {
    expect(KEY_START_LENGTH).toBe(12);
    expect(keyStart(ZERO_KEY)).toBe("kd_000000000");
  });
});

describe("parseKey", () => {
  it("accepts the known vector", () => {
    expect(parseKey(ZERO_KEY, "kd")).toEqual({ ok: true });
  });

  it.each([
    ["a different prefix", "xx" + ZERO_KEY.slice(2)],
    ["no separator", "kd" + ZERO_KEY.slice(3)],
    ["an upper-case prefix", "KD" + ZERO_KEY.slice(2)],
    ["an empty string", ""],
  ])("rejects %s as prefix", (_label, secret) => {
    expect(parseKey(secret, "kd")).toEqual({ ok: false, reason: "prefix" });
  });

  it.each([
    ["one character short", ZERO_KEY.slice(0, -1)],
    ["one character long", ZERO_KEY + "0"],
    ["only the prefix", "kd_"],
    ["the body without checksum", ZERO_BODY],
  ])("rejects %s as length", (_label, secret) => {
    expect(parseKey(secret, "kd")).toEqual({ ok: false, reason: "length" });
  });

  it.each([
    ["a dash", withCharAt(ZERO_KEY, 10, "-")],
    ["an underscore", withCharAt(ZERO_KEY, 10, "_")],
    ["a space", withCharAt(ZERO_KEY, 20, " ")],
    ["a non-ASCII letter", withCharAt(ZERO_KEY, 10, "é")],
    ["a bad checksum character", withCharAt(ZERO_KEY, ZERO_KEY.length - 1, "+")],
  ])("rejects %s as alphabet", (_label, secret) => {
    expect(parseKey(secret, "kd")).toEqual({ ok: false, reason: "alphabet" });
  });

  it.each([
    ["a changed random character", withCharAt(ZERO_KEY, 3, "1")],
    ["a changed checksum character", ZERO_BODY + "0c0rKy"],
    // CRC32 also catches transpositions, a common typing slip.
    ["two swapped characters", "kd_0123456789ABCDEFGHIJKLMNOPQRSTVU" + "43l5ts"],
    ["a checksum of another body", "kd_" + "A".repeat(32) + "0c0rKx"],
  ])("rejects %s as checksum", (_label, secret) => {
    expect(parseKey(secret, "kd")).toEqual({ ok: false, reason: "checksum" });
  });

  it("checks the prefix it is given", () => {
    const acme = "acme_" + "z".repeat(32) + "4Jbez0";
    expect(parseKey(acme, "acme")).toEqual({ ok: true });
    expect(parseKey(acme, "kd")).toEqual({ ok: false, reason: "prefix" });
    expect(parseKey(ZERO_KEY, "acme")).toEqual({ ok: false, reason: "prefix" });
  });
});

describe("generateKey", () => {
  it("makes prefix_ + 32 random + 6 checksum base62 characters", () => {
    const secret = generateKey("kd");
    expect(secret).toMatch(/^kd_[0-9A-Za-z]{38}$/);
    expect(secret.slice(-6)).toBe(checksum(secret.slice(0, -6)));
  });

  it("uses a custom prefix", () => {
    const secret = generateKey("acme9");
    expect(secret).toMatch(/^acme9_[0-9A-Za-z]{38}$/);
    expect(parseKey(secret, "acme9")).toEqual({ ok: true });
    expect(parseKey(secret, "kd")).toEqual({ ok: false, reason: "prefix" });
  });
});

describe("generateKey and parseKey, as a property", () => {
  const keys = Array.from({ length: 2_000 }, () => generateKey("kd"));

  it("every generated key parses, and no two are the same", () => {
    expect(keys.filter((secret) => !parseKey(secret, "kd").ok)).toEqual([]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("uses every base62 character in the random part, none outside it", () => {
    const seen = new Set(keys.flatMap((secret) => [...secret.slice(3, 35)]));
    expect([...seen].sort().join("")).toBe([...ALPHABET].sort().join(""));
  });

  it("a one-character change anywhere after the prefix fails the checksum", () => {
    // CRC32 catches every single-character change in the body, and base62 of a 32-bit value is
    // one-to-one, so a changed checksum character can never match either.
    const accepted: string[] = [];
    for (const secret of keys) {
      for (let index = 3; index < secret.length; index++) {
        const changed = withCharAt(secret, index, otherBase62Char(secret[index]!));
        if (parseKey(changed, "kd").ok) accepted.push(changed);
      }
    }
    expect(accepted).toEqual([]);
  });

  it("every possible one-character change of a few keys fails with reason checksum", () => {
    const reasons = new Set<string>();
    for (const secret of keys.slice(0, 20)) {
      for (let index = 3; index < secret.length; index++) {
        for (const replacement of ALPHABET.replace(secret[index]!, "")) {
          const result = parseKey(withCharAt(secret, index, replacement), "kd");
          reasons.add(result.ok ? "ok" : result.reason);
        }
      }
    }
    expect([...reasons]).toEqual(["checksum"]);
  });
});
