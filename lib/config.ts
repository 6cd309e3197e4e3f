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
  // Lets hosted factories' calls reach loopback and private networks (a proxy on the LAN, tests'
  // local fakes). Link-local and cloud-metadata addresses stay refused either way (SPEC §8).
  PROVIDER_ALLOW_PRIVATE_NETWORKS: flag,
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
