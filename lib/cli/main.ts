// Entry point of the `keydesk` command: `admin` (shell, -e, or stdin), `setup`, `help`.

import { parseArgs } from "node:util";
import { ApiClient, DEFAULT_URL } from "./api-client";
import { USAGE } from "./help-text";
import { runInteractive, runStatements } from "./shell";

export interface MainEnvironment {
  env?: NodeJS.ProcessEnv;
  stdin?: NodeJS.ReadStream;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** Only the setup module itself being absent counts; a missing module deeper down is a real error. */
function isSetupMissing(error: unknown): boolean {
  return (
    error instanceof Error &&
    "code" in error &&
    error.code === "ERR_MODULE_NOT_FOUND" &&
    error.message.includes("cli-setup")
  );
}

function usageError(message: string): number {
  process.stderr.write(`error: ${message}\nRun "keydesk help" for usage.\n`);
  return 2;
}

async function setup(args: string[]): Promise<number> {
  let runSetup: (args: string[]) => Promise<number>;
  try {
    // Imported on demand: the setup code pulls in the database layer, which `admin` never needs.
    ({ runSetup } = await import("../setup/cli-setup"));
  } catch (error) {
    if (!isSetupMissing(error)) throw error;
    process.stderr.write("error: keydesk setup is not available in this build\n");
    return 1;
  }
  return runSetup(args);
}

async function admin(args: string[], environment: MainEnvironment): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        execute: { type: "string", short: "e", multiple: true },
        json: { type: "boolean" },
        url: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const env = environment.env ?? process.env;
  const baseUrl = values.url ?? env.KEYDESK_URL ?? DEFAULT_URL;
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
    process.stderr.write(
      `error: ${JSON.stringify(baseUrl)} is not an http(s) URL (from ${values.url ? "--url" : "KEYDESK_URL"})\n`,
    );
    return 2;
  }
  const client = new ApiClient({ baseUrl, apiKey: env.KEYDESK_API_KEY });
  const options = { client, json: values.json ?? false };

  if (values.execute) return runStatements(values.execute.join("\n"), options);
  const stdin = environment.stdin ?? process.stdin;
  if (stdin.isTTY) return runInteractive(options);
  return runStatements(await readAll(stdin), options);
}

/**
 * Runs the CLI with the arguments after the program name (`process.argv.slice(2)`) and
 * resolves to the exit code: 0 success, 1 a failed statement, 2 a usage error.
 */
export async function main(argv: string[], environment: MainEnvironment = {}): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "admin":
      return admin(rest, environment);
    case "setup":
      return setup(rest);
    case undefined:
      process.stderr.write(`${USAGE}\n`);
      return 2;
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(`${USAGE}\n`);
      return 0;
    default:
      return usageError(`unknown command ${JSON.stringify(command)}`);
  }
}
