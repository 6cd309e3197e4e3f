import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, appendFileSync } from "node:fs";
import { parseEnv } from "node:util";

/** Secrets a first run generates when the environment does not give them. */
const GENERATED = {
  AUTH_SECRET: () => randomBytes(32).toString("base64url"),
  SECRET_ENCRYPTION_KEY: () => randomBytes(32).toString("hex"),
} as const;

/**
 * Loads `.env.local` into process.env (real environment variables win) and appends any
 * missing generated secret to it, so a second start reuses the same ones.
 */
export function prepareEnvFile(file: string, log: (line: string) => void): void {
  const existing = existsSync(file) ? parseEnv(readFileSync(file, "utf8")) : {};
  for (const [name, value] of Object.entries(existing)) {
    if (process.env[name] === undefined && value !== undefined) process.env[name] = value;
  }
  for (const [name, generate] of Object.entries(GENERATED)) {
    if (process.env[name]) continue;
    const value = generate();
    appendFileSync(file, `${name}=${value}\n`, { mode: 0o600 });
    process.env[name] = value;
    log(`Generated ${name} into ${file}`);
  }
}
