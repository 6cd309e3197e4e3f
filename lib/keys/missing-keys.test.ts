import { describe, expect, it } from "vitest";
import { MissingKeys } from "@/lib/keys/missing-keys";

describe("MissingKeys", () => {
  it("forgets an entry once its window has passed", () => {
    const missing = new MissingKeys(1_000, 10);
    missing.add("a", 0);
    expect(missing.has("a", 1_000)).toBe(true);
    expect(missing.has("a", 1_001)).toBe(false);
    expect(missing.size).toBe(0);
  });

  it("stays within its size, dropping the oldest entry first", () => {
    const missing = new MissingKeys(60_000, 3);
    for (const hash of ["a", "b", "c", "d"]) missing.add(hash, 0);
    expect(missing.size).toBe(3);
    expect(["a", "b", "c", "d"].map((hash) => missing.has(hash, 1))).toEqual([false, true, true, true]);
  });

  it("counts a re-added entry as new", () => {
    const missing = new MissingKeys(60_000, 2);
    missing.add("a", 0);
    missing.add("b", 0);
    missing.add("a", 5);
    missing.add("c", 5);
    expect(["a", "b", "c"].map((hash) => missing.has(hash, 6))).toEqual([true, false, true]);
  });
});
