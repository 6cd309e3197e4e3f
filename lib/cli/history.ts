// The shell's history file (~/.keydesk_history): one statement per line, oldest first.

import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { looksLikeSecret } from "./targets";
import { tokenize } from "./lexer";

export const HISTORY_SIZE = 1000;

export function defaultHistoryFile(): string {
  return join(homedir(), ".keydesk_history");
}

/**
 * Statements that carry a password, a provider API key or a key secret stay out of the file
 * (MySQL's client does the same): a history file outlives the session and is easy to leak.
 */
export function isSensitive(text: string): boolean {
  if (/\bcreate\b/i.test(text)) return true;
  try {
    return tokenize(text).some((token) => looksLikeSecret(token.value));
  } catch {
    return true;
  }
}

/** Newest first, as readline's `history` option wants it. */
export function loadHistory(file: string): string[] {
  let lines: string[];
  try {
    lines = readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "");
  } catch {
    return [];
  }
  if (lines.length > 2 * HISTORY_SIZE) {
    lines = lines.slice(-HISTORY_SIZE);
    try {
      writeFileSync(file, `${lines.join("\n")}\n`, { mode: 0o600 });
    } catch {
      // A history file we cannot trim is still usable; never fail the shell over it.
    }
  }
  return lines.slice(-HISTORY_SIZE).reverse();
}

export function appendHistory(file: string, text: string): void {
  if (isSensitive(text)) return;
  // One line per entry: a statement typed over several lines comes back as one.
  const entry = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join(" ");
  try {
    appendFileSync(file, `${entry}\n`, { mode: 0o600 });
  } catch {
    // Read-only home directories happen (containers); the shell works without history.
  }
}
