// Tokenizer for the admin CLI grammar (SPEC §6). Kept apart from the parser so the
// interactive shell can ask "is this input finished?" without parsing statements.

export type TokenKind = "word" | "string" | "semi" | "eof";

export interface Token {
  /** `word` is a bare word, `string` a quoted argument (already unescaped). */
  kind: TokenKind;
  value: string;
  /** 1-based position of the token's first character in the source. */
  line: number;
  column: number;
  /** The token exactly as written, for error messages. */
  raw: string;
}

export class CliParseError extends Error {
  readonly line: number;
  readonly column: number;
  /** The offending source line with a caret under the offending token. */
  readonly excerpt: string;

  constructor(reason: string, source: string, line: number, column: number) {
    super(`${reason} at line ${line}, column ${column}`);
    this.name = "CliParseError";
    this.line = line;
    this.column = column;
    this.excerpt = caretExcerpt(source, line, column);
  }
}

export function caretExcerpt(source: string, line: number, column: number): string {
  const text = (source.split("\n")[line - 1] ?? "").replace(/\r$/, "");
  // Keep tabs in the padding so the caret lines up however the terminal expands them.
  const pad = Array.from(text.slice(0, column - 1), (ch) => (ch === "\t" ? "\t" : " ")).join("");
  return `${text}\n${pad}^`;
}

const WHITESPACE = /\s/;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let column = 1;

  const advance = (): string => {
    const ch = source[i++];
    if (ch === "\n") {
      line += 1;
      column = 1;
    } else {
      column += 1;
    }
    return ch;
  };

  while (i < source.length) {
    const ch = source[i];
    if (WHITESPACE.test(ch)) {
      advance();
      continue;
    }
    // A comment only starts where a token would; `pa--ss` stays one bare word.
    if (ch === "-" && source[i + 1] === "-") {
      while (i < source.length && source[i] !== "\n") advance();
      continue;
    }
    const start = { i, line, column };
    if (ch === ";") {
      advance();
      tokens.push({ kind: "semi", value: ";", raw: ";", line: start.line, column: start.column });
      continue;
    }
    // 'single' or "double" quotes (RAGFlow's documentation writes both), with one escaping rule.
    if (ch === "'" || ch === '"') {
      const quote = advance();
      let value = "";
      for (;;) {
        if (i >= source.length) {
          throw new CliParseError("unterminated quoted argument", source, start.line, start.column);
        }
        const c = advance();
        if (c !== quote) {
          value += c;
        } else if (source[i] === quote) {
          // SQL-style escape: two quotes inside a quoted argument stand for one.
          advance();
          value += quote;
        } else {
          break;
        }
      }
      tokens.push({
        kind: "string",
        value,
        raw: source.slice(start.i, i),
        line: start.line,
        column: start.column,
      });
      continue;
    }
    while (i < source.length && source[i] !== ";" && !WHITESPACE.test(source[i])) advance();
    const word = source.slice(start.i, i);
    tokens.push({ kind: "word", value: word, raw: word, line: start.line, column: start.column });
  }
  tokens.push({ kind: "eof", value: "", raw: "", line, column });
  return tokens;
}

/**
 * True when the input holds no unfinished statement: every statement has its `;` and
 * no quote is left open. The shell keeps reading continuation lines until this holds.
 */
export function isInputComplete(source: string): boolean {
  let tokens: Token[];
  try {
    tokens = tokenize(source);
  } catch {
    return false;
  }
  const last = tokens[tokens.length - 2];
  return last === undefined || last.kind === "semi";
}
