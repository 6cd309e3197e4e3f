import { describe, expect, it } from "vitest";
import { isInputComplete } from "./lexer";
import { CliParseError, parseStatements } from "./parser";
import type { Statement } from "./statements";

const one = (text: string): Statement => {
  const statements = parseStatements(text);
  expect(statements).toHaveLength(1);
  return statements[0];
};

function parseError(text: string): CliParseError {
  try {
    parseStatements(text);
  } catch (error) {
    if (error instanceof CliParseError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} not to parse`);
}

describe("parseStatements: every statement", () => {
  const cases: [string, Statement][] = [
    ["LIST USERS;", { kind: "list_users" }],
    ["SHOW USER a@b.com;", { kind: "show_user", email: "a@b.com" }],
    [
      "CREATE USER a@b.com s3cret-pass-1;",
      { kind: "create_user", email: "a@b.com", password: "s3cret-pass-1", role: "USER" },
    ],
    ["CREATE USER a@b.com pw ADMIN;", { kind: "create_user", email: "a@b.com", password: "pw", role: "ADMIN" }],
    ["DROP USER a@b.com;", { kind: "drop_user", email: "a@b.com" }],
    ["ALTER USER a@b.com SET ROLE ADMIN;", { kind: "alter_user_role", email: "a@b.com", role: "ADMIN" }],
    ["ALTER USER a@b.com SET ROLE user;", { kind: "alter_user_role", email: "a@b.com", role: "USER" }],
    ["ENABLE USER a@b.com;", { kind: "set_user_disabled", email: "a@b.com", disabled: false }],
    ["DISABLE USER a@b.com;", { kind: "set_user_disabled", email: "a@b.com", disabled: true }],
    ["CREATE MODEL PROVIDER OpenAI sk-123;", { kind: "create_provider", factory: "OpenAI", apiKey: "sk-123" }],
    [
      "CREATE MODEL PROVIDER Ollama '' http://localhost:11434;",
      { kind: "create_provider", factory: "Ollama", apiKey: "", baseUrl: "http://localhost:11434" },
    ],
    ["DROP MODEL PROVIDER OpenAI;", { kind: "drop_provider", factory: "OpenAI" }],
    ["LIST MODEL PROVIDERS;", { kind: "list_providers" }],
    ["LIST DEFAULT MODELS;", { kind: "list_defaults" }],
    ["HELP;", { kind: "help" }],
    ["QUIT;", { kind: "quit" }],
    ["EXIT;", { kind: "quit" }],
  ];
  it.each(cases)("%s", (text, expected) => {
    expect(one(text)).toEqual(expected);
    expect(one(text.toLowerCase()).kind).toBe(expected.kind);
    expect(one(text.toUpperCase()).kind).toBe(expected.kind);
  });

  it.each(["KEY", "TOKEN", "key", "Token", "tOkEn"])("accepts %s as the key keyword", (word) => {
    expect(one(`GENERATE ${word} FOR USER a@b.com;`)).toEqual({ kind: "generate_key", email: "a@b.com" });
    expect(one(`LIST ${word}S OF a@b.com;`)).toEqual({ kind: "list_keys", email: "a@b.com" });
    expect(one(`REVOKE ${word} k1 OF a@b.com;`)).toEqual({ kind: "revoke_key", key: "k1", email: "a@b.com" });
    expect(one(`DROP ${word} k1 OF a@b.com;`)).toEqual({ kind: "drop_key", key: "k1", email: "a@b.com" });
  });

  it("treats keywords case-insensitively and keeps arguments as written", () => {
    expect(one("list users;")).toEqual({ kind: "list_users" });
    expect(one("LiSt UsErS;")).toEqual({ kind: "list_users" });
    expect(one("show user Mixed@Case.COM;")).toEqual({ kind: "show_user", email: "Mixed@Case.COM" });
    expect(one("create user a@b.com PassWord admin;")).toEqual({
      kind: "create_user",
      email: "a@b.com",
      password: "PassWord",
      role: "ADMIN",
    });
  });

  it("maps each default-model type to its field", () => {
    const fields = {
      LLM: "llm_id",
      VLM: "img2txt_id",
      EMBEDDING: "embd_id",
      RERANKER: "rerank_id",
      ASR: "asr_id",
      TTS: "tts_id",
    };
    for (const [type, field] of Object.entries(fields)) {
      expect(one(`SET DEFAULT ${type} m@F;`)).toEqual({ kind: "set_default", modelType: type, field, modelId: "m@F" });
      expect(one(`reset default ${type.toLowerCase()};`)).toEqual({ kind: "reset_default", modelType: type, field });
    }
    expect(one("SET DEFAULT vlm 'gpt-4o@OpenAI';")).toMatchObject({ field: "img2txt_id", modelId: "gpt-4o@OpenAI" });
    expect(one("SET DEFAULT Reranker bge@Builtin;")).toMatchObject({ field: "rerank_id" });
  });
});

describe("parseStatements: arguments, comments, several statements", () => {
  it("reads quoted arguments with spaces and escaped quotes", () => {
    expect(one("CREATE USER 'a@b.com' 'two words and '' a quote';")).toEqual({
      kind: "create_user",
      email: "a@b.com",
      password: "two words and ' a quote",
      role: "USER",
    });
    expect(one("CREATE USER a@b.com 'semi;colon -- not a comment';")).toMatchObject({
      password: "semi;colon -- not a comment",
    });
    expect(one("CREATE USER a@b.com '';")).toMatchObject({ password: "" });
    expect(one("CREATE USER a@b.com '''';")).toMatchObject({ password: "'" });
    expect(one("CREATE USER a@b.com '''''';")).toMatchObject({ password: "''" });
  });

  it("treats a quoted ADMIN as an argument, not a keyword", () => {
    const error = parseError("CREATE USER a@b.com pw 'ADMIN';");
    expect(error.message).toBe(`expected ADMIN or ";" but found 'ADMIN' at line 1, column 24`);
  });

  it("keeps -- inside a bare word, and a bare word ends at ;", () => {
    expect(one("CREATE USER a@b.com pa--ss;")).toMatchObject({ password: "pa--ss" });
    expect(parseStatements("SHOW USER x;LIST USERS;")).toEqual([
      { kind: "show_user", email: "x" },
      { kind: "list_users" },
    ]);
  });

  it("parses several statements over several lines, with comments and empty statements", () => {
    const text = [
      "-- a script",
      "LIST USERS; SHOW USER a@b.com; -- trailing comment",
      "  GENERATE TOKEN",
      "    FOR USER   'c@d.com'",
      ";;",
      "RESET DEFAULT TTS; -- done",
    ].join("\n");
    expect(parseStatements(text)).toEqual([
      { kind: "list_users" },
      { kind: "show_user", email: "a@b.com" },
      { kind: "generate_key", email: "c@d.com" },
      { kind: "reset_default", modelType: "TTS", field: "tts_id" },
    ]);
  });

  it("returns nothing for empty or comment-only input", () => {
    expect(parseStatements("")).toEqual([]);
    expect(parseStatements("  -- nothing here\n\n")).toEqual([]);
  });
});

describe("parseStatements: errors say where", () => {
  const cases: [string, string, number, number][] = [
    ["ALTER USER a@b.com SET ROL ADMIN;", 'expected ROLE but found "ROL"', 1, 24],
    ["ALTER USER a@b.com SET ROLE OWNER;", 'expected ADMIN or USER but found "OWNER"', 1, 29],
    ["LIST USERS LIST USERS", 'expected ";" but found "LIST"', 1, 12],
    ["ALTER USER a@b.com ACTIVE YES;", 'expected ON or OFF but found "YES"', 1, 27],
    ["ALTER USER a@b.com PASS x;", 'expected SET, PASSWORD or ACTIVE but found "PASS"', 1, 20],
    ["GRANT USER a@b.com;", 'expected ADMIN but found "USER"', 1, 7],
    ["SHOW KEY k1;", 'expected OF but found ";"', 1, 12],
    ['SHOW USER "unterminated;', "unterminated quoted argument", 1, 11],
    ["LIST USER;", 'expected USERS, KEYS, TOKENS, MODEL, MODELS or DEFAULT but found "USER"', 1, 6],
    ["SHOW USER ;", 'expected <email> but found ";"', 1, 11],
    ["CREATE USER a@b.com pw ADMIN extra;", 'expected ";" but found "extra"', 1, 30],
    ["CREATE USER a@b.com pw OWNER;", 'expected ADMIN or ";" but found "OWNER"', 1, 24],
    ["CREATE MODEL PROVIDER OpenAI k u x;", 'expected ";" but found "x"', 1, 34],
    ["CREATE GROUP x;", 'expected USER or MODEL but found "GROUP"', 1, 8],
    ["GENERATE KEYS FOR USER a;", 'expected KEY or TOKEN but found "KEYS"', 1, 10],
    ["REVOKE KEY k1 FROM a;", 'expected OF but found "FROM"', 1, 15],
    ["SET DEFAULT CHAT m;", 'expected LLM, VLM, EMBEDDING, RERANKER, ASR or TTS but found "CHAT"', 1, 13],
    ["SET DEFAULT LLM;", 'expected <model id> but found ";"', 1, 16],
    ["HELP me;", 'expected ";" but found "me"', 1, 6],
    [
      "'LIST' USERS;",
      "expected LIST, SHOW, CREATE, DROP, ALTER, ENABLE, DISABLE, GENERATE, REVOKE, SET, RESET, GRANT, HELP, QUIT or EXIT but found 'LIST'",
      1,
      1,
    ],
    ["LIST USERS;\n  -- ok\n\tSHOW USR x;", 'expected USER, CURRENT, KEY or TOKEN but found "USR"', 3, 7],
    ["SHOW USER 'unterminated;\nLIST USERS;", "unterminated quoted argument", 1, 11],
  ];
  it.each(cases)("%s", (text, reason, line, column) => {
    const error = parseError(text);
    expect(error).toBeInstanceOf(CliParseError);
    expect(error.message).toBe(`${reason} at line ${line}, column ${column}`);
    expect(error.line).toBe(line);
    expect(error.column).toBe(column);
  });

  it("shows the offending line with a caret under the token", () => {
    expect(parseError("ALTER USER a@b.com SET ROL ADMIN;").excerpt).toBe(
      "ALTER USER a@b.com SET ROL ADMIN;\n                       ^",
    );
    // Tabs stay tabs in the padding so the caret lines up in any terminal.
    expect(parseError("LIST USERS;\n\tSHOW USR x;").excerpt).toBe("\tSHOW USR x;\n\t     ^");
  });

  it("truncates a long offending token in the message", () => {
    expect(parseError(`LIST ${"x".repeat(40)};`).message).toBe(
      `expected USERS, KEYS, TOKENS, MODEL, MODELS or DEFAULT but found "${"x".repeat(27)}..." at line 1, column 6`,
    );
  });
});

describe("isInputComplete", () => {
  it("waits for the closing ; outside quotes and comments", () => {
    expect(isInputComplete("")).toBe(true);
    expect(isInputComplete("-- just a comment")).toBe(true);
    expect(isInputComplete("LIST USERS")).toBe(false);
    expect(isInputComplete("LIST USERS;")).toBe(true);
    expect(isInputComplete("LIST USERS; SHOW USER")).toBe(false);
    expect(isInputComplete("CREATE USER a 'pass;")).toBe(false);
    expect(isInputComplete("CREATE USER a 'pass;\nword';")).toBe(true);
    expect(isInputComplete("LIST USERS -- ;")).toBe(false);
    expect(isInputComplete("LIST USERS; -- done")).toBe(true);
  });
});
