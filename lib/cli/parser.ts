import { CliParseError, tokenize, type Token } from "./lexer";
import { DEFAULT_FIELDS, MODEL_TYPES, type Role, type Statement } from "./statements";

export { CliParseError } from "./lexer";

const STATEMENT_KEYWORDS = [
  "LIST",
  "SHOW",
  "CREATE",
  "DROP",
  "ALTER",
  "ENABLE",
  "DISABLE",
  "GENERATE",
  "REVOKE",
  "SET",
  "RESET",
  "GRANT",
  "HELP",
  "QUIT",
  "EXIT",
] as const;

function alternatives(options: readonly string[]): string {
  return options.length === 1 ? options[0] : `${options.slice(0, -1).join(", ")} or ${options[options.length - 1]}`;
}

function describeToken(token: Token): string {
  if (token.kind === "eof") return "end of input";
  const raw = token.raw.length > 30 ? `${token.raw.slice(0, 27)}...` : token.raw;
  return token.kind === "string" ? raw : `"${raw}"`;
}

class Parser {
  private pos = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  private get current(): Token {
    return this.tokens[this.pos];
  }

  private fail(expected: string): never {
    const token = this.current;
    throw new CliParseError(
      `expected ${expected} but found ${describeToken(token)}`,
      this.source,
      token.line,
      token.column,
    );
  }

  /** Keywords are bare words: a quoted 'ADMIN' is an argument, never a keyword. */
  private atKeyword(...keywords: string[]): boolean {
    const token = this.current;
    return token.kind === "word" && keywords.includes(token.value.toUpperCase());
  }

  private keyword<K extends string>(...keywords: K[]): K {
    const token = this.current;
    const upper = token.value.toUpperCase();
    const match = keywords.find((k) => k === upper);
    if (token.kind !== "word" || match === undefined) this.fail(alternatives(keywords));
    this.pos += 1;
    return match;
  }

  private argument(label: string): string {
    const token = this.current;
    if (token.kind !== "word" && token.kind !== "string") this.fail(`<${label}>`);
    this.pos += 1;
    return token.value;
  }

  /** A statement ends with `;`, except the last one, whose `;` may be left out (SPEC §6). */
  private end<S extends Statement>(statement: S, optional: string[] = []): S {
    if (this.current.kind === "eof") return statement;
    if (this.current.kind !== "semi") this.fail(alternatives([...optional, '";"']));
    this.pos += 1;
    return statement;
  }

  parseAll(): Statement[] {
    const statements: Statement[] = [];
    while (this.current.kind !== "eof") {
      // Empty statements (`;;`) are skipped, as psql does.
      if (this.current.kind === "semi") {
        this.pos += 1;
        continue;
      }
      statements.push(this.statement());
    }
    return statements;
  }

  private statement(): Statement {
    const verb = this.keyword(...STATEMENT_KEYWORDS);
    switch (verb) {
      case "LIST":
        return this.list();
      case "SHOW":
        return this.show();
      case "CREATE":
        return this.create();
      case "DROP":
        return this.drop();
      case "ALTER":
        return this.alter();
      case "GRANT":
        // GRANT ADMIN <email> and REVOKE ADMIN <email> are RAGFlow's spelling of SET ROLE.
        this.keyword("ADMIN");
        return this.end({ kind: "alter_user_role", email: this.argument("email"), role: "ADMIN" });
      case "ENABLE":
      case "DISABLE":
        this.keyword("USER");
        return this.end({
          kind: "set_user_disabled",
          email: this.argument("email"),
          disabled: verb === "DISABLE",
        });
      case "GENERATE":
        this.keyword("KEY", "TOKEN");
        this.keyword("FOR");
        this.keyword("USER");
        return this.end({ kind: "generate_key", email: this.argument("email") });
      case "REVOKE": {
        if (this.keyword("KEY", "TOKEN", "ADMIN") === "ADMIN") {
          return this.end({ kind: "alter_user_role", email: this.argument("email"), role: "USER" });
        }
        const key = this.argument("key id or secret");
        this.keyword("OF");
        return this.end({ kind: "revoke_key", key, email: this.argument("email") });
      }
      case "SET": {
        this.keyword("DEFAULT");
        const modelType = this.keyword(...MODEL_TYPES);
        const modelId = this.argument("model id");
        return this.end({ kind: "set_default", modelType, field: DEFAULT_FIELDS[modelType], modelId });
      }
      case "RESET": {
        this.keyword("DEFAULT");
        const modelType = this.keyword(...MODEL_TYPES);
        return this.end({ kind: "reset_default", modelType, field: DEFAULT_FIELDS[modelType] });
      }
      case "HELP":
        return this.end({ kind: "help" });
      default:
        // QUIT and EXIT
        return this.end({ kind: "quit" });
    }
  }

  private show(): Statement {
    if (this.keyword("USER", "CURRENT", "KEY", "TOKEN") === "CURRENT") {
      this.keyword("USER");
      return this.end({ kind: "show_current_user" });
    }
    if (this.previousKeyword() !== "USER") {
      const key = this.argument("key id");
      this.keyword("OF");
      return this.end({ kind: "show_key", key, email: this.argument("email") });
    }
    if (this.atKeyword("PERMISSION")) {
      this.pos += 1;
      return this.end({ kind: "show_user_permission", email: this.argument("email") });
    }
    return this.end({ kind: "show_user", email: this.argument("email") });
  }

  private alter(): Statement {
    this.keyword("USER");
    const email = this.argument("email");
    const what = this.keyword("SET", "PASSWORD", "ACTIVE");
    if (what === "PASSWORD")
      return this.end({ kind: "alter_user_password", email, password: this.argument("password") });
    if (what === "ACTIVE") {
      const active = this.keyword("ON", "OFF") === "ON";
      return this.end({ kind: "set_user_disabled", email, disabled: !active });
    }
    this.keyword("ROLE");
    return this.end({ kind: "alter_user_role", email, role: this.keyword("ADMIN", "USER") });
  }

  private previousKeyword(): string {
    return this.tokens[this.pos - 1].value.toUpperCase();
  }

  private list(): Statement {
    const what = this.keyword("USERS", "KEYS", "TOKENS", "MODEL", "MODELS", "DEFAULT");
    if (what === "USERS") return this.end({ kind: "list_users" });
    if (what === "MODELS") {
      if (!this.atKeyword("OF")) return this.end({ kind: "list_models" }, ["OF"]);
      this.pos += 1;
      return this.end({ kind: "list_models", factory: this.argument("factory") });
    }
    if (what === "MODEL") {
      this.keyword("PROVIDERS");
      return this.end({ kind: "list_providers" });
    }
    if (what === "DEFAULT") {
      this.keyword("MODELS");
      return this.end({ kind: "list_defaults" });
    }
    this.keyword("OF");
    return this.end({ kind: "list_keys", email: this.argument("email") });
  }

  private create(): Statement {
    const what = this.keyword("USER", "MODEL");
    if (what === "USER") {
      const email = this.argument("email");
      const password = this.argument("password");
      const admin = this.atKeyword("ADMIN");
      if (admin) this.pos += 1;
      const role: Role = admin ? "ADMIN" : "USER";
      return this.end({ kind: "create_user", email, password, role }, admin ? [] : ["ADMIN"]);
    }
    this.keyword("PROVIDER");
    const factory = this.argument("factory");
    const apiKey = this.argument("api key");
    const hasUrl = this.current.kind === "word" || this.current.kind === "string";
    const baseUrl = hasUrl ? this.argument("base url") : undefined;
    const statement: Statement =
      baseUrl === undefined
        ? { kind: "create_provider", factory, apiKey }
        : { kind: "create_provider", factory, apiKey, baseUrl };
    return this.end(statement, hasUrl ? [] : ["<base url>"]);
  }

  private drop(): Statement {
    const what = this.keyword("USER", "KEY", "TOKEN", "MODEL");
    if (what === "USER") return this.end({ kind: "drop_user", email: this.argument("email") });
    if (what === "MODEL") {
      this.keyword("PROVIDER");
      return this.end({ kind: "drop_provider", factory: this.argument("factory") });
    }
    const key = this.argument("key id or secret");
    this.keyword("OF");
    return this.end({ kind: "drop_key", key, email: this.argument("email") });
  }
}

/** Parses every statement in `source`; throws a CliParseError at the first one that does not parse. */
export function parseStatements(source: string): Statement[] {
  return new Parser(source, tokenize(source)).parseAll();
}
