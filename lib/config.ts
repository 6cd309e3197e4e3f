import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .default("false")
  .transform((value) => ["1", "true", "yes"].includes(value));

const configSchema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is not set: start through `npm start` or point it at PostgreSQL"),
  KEY_PREFIX: z
    .string()
    .regex(/^[a-z0-9]{1,10}$/, "KEY_PREFIX must be 1–10 lower-case letters or digits")
    .default("kd"),
  KEY_DEFAULT_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(90),
  KEY_ALLOW_NO_EXPIRY: flag,
  SECRET_ENCRYPTION_KEY: z.string().optional(),
  USAGE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  // Benchmarks and tests only: "off" skips verification counting, to measure what it costs.
  KEYDESK_USAGE_COUNTING: z.enum(["on", "off"]).default("on"),
  // Benchmarks and tests only: how often counts are written; SPEC §3 allows at most once a minute.
  KEYDESK_USAGE_FLUSH_SECONDS: z.coerce.number().int().min(1).max(60).default(60),
});

export type Config = z.infer<typeof configSchema>;

let cached: Config | undefined;

/** Reads configuration once; every default works for a first run on the embedded database. */
export function config(): Config {
  if (!cached) {
    const parsed = configSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
      throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Tests change the environment between cases; they call this to re-read it. */
export function resetConfigForTests(): void {
  cached = undefined;
}
