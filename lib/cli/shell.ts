// Runs statements: from -e or stdin (stop at the first failure, exit code 1) or in the
// interactive shell (report the failure, keep going).

import { createInterface } from "node:readline";
import { CliApiError, type ApiClient } from "./api-client";
import { executeStatement } from "./execute";
import { formatResult } from "./format";
import { HELP_TEXT } from "./help-text";
import { appendHistory, defaultHistoryFile, HISTORY_SIZE, loadHistory } from "./history";
import { CliParseError, isInputComplete } from "./lexer";
import { parseStatements } from "./parser";
import type { Statement } from "./statements";

export const PROMPT = "keydesk> ";
export const CONTINUATION_PROMPT = "      -> ";

export interface TextSink {
  write(text: string): unknown;
}

export interface ShellOptions {
  client: ApiClient;
  json?: boolean;
  stdout?: TextSink;
  stderr?: TextSink;
}

export interface InteractiveOptions extends ShellOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Default ~/.keydesk_history; null keeps no history file. */
  historyFile?: string | null;
}

/** `error: <message>`, then the server's field errors or the parse error's caret excerpt. */
export function formatError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = [`error: ${message}`];
  if (error instanceof CliParseError) lines.push(error.excerpt);
  if (error instanceof CliApiError && error.fields) {
    for (const [field, messages] of Object.entries(error.fields)) lines.push(`  ${field}: ${messages.join("; ")}`);
  }
  return lines.join("\n");
}

/** Runs parsed statements in order; returns "quit", or whether every statement succeeded. */
async function runParsed(statements: Statement[], options: ShellOptions): Promise<"quit" | boolean> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  let printed = false;
  for (const statement of statements) {
    if (statement.kind === "quit") return "quit";
    if (statement.kind === "help") {
      stdout.write(`${options.json ? JSON.stringify({ help: HELP_TEXT }) : HELP_TEXT}\n`);
      continue;
    }
    try {
      const result = await executeStatement(statement, options.client);
      const text = formatResult(result, { json: options.json });
      if (text !== "") {
        // A blank line between the outputs of consecutive statements keeps tables apart.
        stdout.write(`${printed && !options.json ? "\n" : ""}${text}\n`);
        printed = true;
      }
      if (result.warning) stderr.write(`${result.warning}\n`);
    } catch (error) {
      stderr.write(`${formatError(error)}\n`);
      return false;
    }
  }
  return true;
}

/**
 * Runs every statement in `text` (from -e or stdin) and returns the exit code. Nothing runs
 * when any statement fails to parse, so a typo at the end cannot leave a script half done.
 */
export async function runStatements(text: string, options: ShellOptions): Promise<number> {
  let statements: Statement[];
  try {
    statements = parseStatements(text);
  } catch (error) {
    (options.stderr ?? process.stderr).write(`${formatError(error)}\n`);
    return 1;
  }
  const outcome = await runParsed(statements, options);
  return outcome === false ? 1 : 0;
}

/** The readline shell: `keydesk> `, continuation lines until a `;`, history across sessions. */
export async function runInteractive(options: InteractiveOptions): Promise<number> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const shellOptions: ShellOptions = {
    ...options,
    stdout: options.stdout ?? output,
    stderr: options.stderr ?? process.stderr,
  };
  const historyFile = options.historyFile === undefined ? defaultHistoryFile() : options.historyFile;
  const rl = createInterface({
    input,
    output,
    prompt: PROMPT,
    history: historyFile ? loadHistory(historyFile) : [],
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
  });

  let buffer = "";
  let quit = false;
  const prompt = (text: string): void => {
    rl.setPrompt(text);
    rl.prompt();
  };
  // Ctrl-C abandons the statement being typed, as in psql; Ctrl-D (close) leaves.
  rl.on("SIGINT", () => {
    buffer = "";
    output.write("^C\n");
    prompt(PROMPT);
  });

  output.write(`Keydesk admin shell on ${options.client.baseUrl}. Type HELP; for help, QUIT; or Ctrl-D to leave.\n`);
  prompt(PROMPT);
  for await (const line of rl) {
    buffer = buffer === "" ? line : `${buffer}\n${line}`;
    if (!isInputComplete(buffer)) {
      prompt(CONTINUATION_PROMPT);
      continue;
    }
    const text = buffer;
    buffer = "";
    if (text.trim() !== "") {
      if (historyFile) appendHistory(historyFile, text);
      let statements: Statement[] = [];
      try {
        statements = parseStatements(text);
      } catch (error) {
        shellOptions.stderr?.write(`${formatError(error)}\n`);
      }
      if ((await runParsed(statements, shellOptions)) === "quit") {
        quit = true;
        break;
      }
    }
    prompt(PROMPT);
  }
  // After Ctrl-D the cursor still sits on the prompt line; leave the terminal on a fresh one.
  if (!quit) output.write("\n");
  rl.close();
  return 0;
}
