import { describe, expect, it } from "vitest";
import { formatRecord, formatResult, formatTable, formatValue } from "./format";

describe("formatValue", () => {
  it("renders booleans, nulls, dates, lists and objects for a terminal", () => {
    expect(formatValue(true)).toBe("yes");
    expect(formatValue(false)).toBe("no");
    expect(formatValue(null)).toBe("-");
    expect(formatValue(undefined)).toBe("-");
    expect(formatValue(42)).toBe("42");
    expect(formatValue(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe("2026-01-02T03:04:05.000Z");
    expect(formatValue("2026-01-02T05:04:05+02:00")).toBe("2026-01-02T03:04:05.000Z");
    expect(formatValue("2026-01-02T03:04:05.123Z")).toBe("2026-01-02T03:04:05.123Z");
    expect(formatValue(["keys:read", "keys:write"])).toBe("keys:read, keys:write");
    expect(formatValue([])).toBe("-");
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
    expect(formatValue("two\nlines")).toBe("two lines");
    expect(formatValue("2026-01-02")).toBe("2026-01-02");
  });
});

describe("formatTable", () => {
  const rows = [
    {
      email: "admin@example.com",
      role: "ADMIN",
      disabled: false,
      key_count: 3,
      last_login_at: "2026-01-02T03:04:05.000Z",
    },
    { email: "bo@example.com", role: "USER", disabled: true, key_count: 12, last_login_at: null },
  ];

  it("aligns columns under a header and a rule, numbers to the right", () => {
    expect(formatTable(rows)).toBe(
      [
        "email              role   disabled  key_count  last_login_at",
        "-----------------  -----  --------  ---------  ------------------------",
        "admin@example.com  ADMIN  no                3  2026-01-02T03:04:05.000Z",
        "bo@example.com     USER   yes              12  -",
      ].join("\n"),
    );
  });

  it("shows only the chosen columns, in their order", () => {
    expect(formatTable(rows, ["role", "email"])).toBe(
      ["role   email", "-----  -----------------", "ADMIN  admin@example.com", "USER   bo@example.com"].join("\n"),
    );
  });

  it("keeps the header of an empty table with known columns, and prints nothing without", () => {
    expect(formatTable([], ["id", "name"])).toBe("id  name\n--  ----");
    expect(formatTable([])).toBe("");
  });

  it("never leaves trailing spaces", () => {
    for (const line of formatTable(rows).split("\n")) expect(line).toBe(line.trimEnd());
  });
});

describe("formatRecord", () => {
  it("aligns field names and values", () => {
    expect(formatRecord({ id: "u1", email: "a@b.com", disabled: false, last_login_at: null })).toBe(
      ["id             u1", "email          a@b.com", "disabled       no", "last_login_at  -"].join("\n"),
    );
  });
});

describe("formatResult", () => {
  const key = { id: "k1", name: "ci", start: "kd_abcdefghi", scopes: ["keys:read"], key: "kd_secret", renewed: false };

  it("prints the table then the message in text mode", () => {
    const text = formatResult({ rows: [{ id: "u1" }], columns: ["id"], message: "1 user" });
    expect(text).toBe("id\n--\nu1\n1 user");
  });

  it("prints a record restricted to its columns", () => {
    expect(formatResult({ record: key, columns: ["id", "key"], message: "Generated." })).toBe(
      "id   k1\nkey  kd_secret\nGenerated.",
    );
  });

  it("prints only the message when there is nothing else", () => {
    expect(formatResult({ message: "Dropped user a@b.com." })).toBe("Dropped user a@b.com.");
    expect(formatResult({})).toBe("");
  });

  it("prints the raw rows, the record, or the json payload as JSON", () => {
    expect(
      JSON.parse(formatResult({ rows: [{ id: "u1", disabled: false }], columns: ["id"] }, { json: true })),
    ).toEqual([{ id: "u1", disabled: false }]);
    expect(JSON.parse(formatResult({ record: key, columns: ["id"] }, { json: true }))).toEqual(key);
    expect(JSON.parse(formatResult({ rows: [{ type: "LLM" }], json: { llm_id: null } }, { json: true }))).toEqual({
      llm_id: null,
    });
    expect(JSON.parse(formatResult({ message: "done" }, { json: true }))).toEqual({ message: "done" });
  });

  it("prints one compact JSON document on one line (JSON Lines)", () => {
    expect(formatResult({ record: { id: "k1", scopes: ["a", "b"] } }, { json: true })).toBe(
      '{"id":"k1","scopes":["a","b"]}',
    );
    expect(formatResult({ message: "line one\nline two" }, { json: true })).not.toContain("\n");
  });

  it("prints a record, then its rows with their own columns", () => {
    expect(
      formatResult({ record: { id: "k1" }, columns: ["id"], rows: [{ start: "t0", valid: 3 }], rowColumns: ["valid"] }),
    ).toBe("id  k1\nvalid\n-----\n    3");
  });
});
