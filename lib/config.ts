import { z } from "zod";

/** One truthy rule for every on/off variable; empty means the default. */
const flagDefaulting = (fallback: boolean) =>
  z
    .enum(["1", "0", "true", "false", "yes", "no", ""])
    .default("")
    .transform((value) => (value === "" ? fallback : ["1", "true", "yes"].includes(value)));
const flag = flagDefaulting(false);

/** An unset variable and `NAME=` (as .env.example writes them) both mean "not configured". */
const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

/** A comma-separated list, e.g. `AUTH_OIDC_ADMIN_GROUPS=keydesk-admins,ops`. */
const commaList = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  );

// OIDC single sign-on (SPEC §5, §7): configured when AUTH_OIDC_ISSUER is set.
const oidcShape = {
  AUTH_OIDC_ISSUER: optionalText.pipe(z.url("AUTH_OIDC_ISSUER must be the issuer's URL").optional()),
  AUTH_OIDC_ID: optionalText,
  AUTH_OIDC_SECRET: optionalText,
  AUTH_OIDC_NAME: optionalText.transform((value) => value ?? "Single sign-on"),
  AUTH_OIDC_ADMIN_GROUPS: commaList,
  AUTH_OIDC_GROUPS_CLAIM: optionalText.transform((value) => value ?? "groups"),
  AUTH_OIDC_AUTO_CREATE: flagDefaulting(true),
};

function requireOidcClient(
  value: { AUTH_OIDC_ISSUER?: string; AUTH_OIDC_ID?: string; AUTH_OIDC_SECRET?: string },
  context: z.RefinementCtx,
): void {
  if (!value.AUTH_OIDC_ISSUER) return;
  for (const name of ["AUTH_OIDC_ID", "AUTH_OIDC_SECRET"] as const) {
    if (!value[name])
      context.addIssue({ code: "custom", path: [name], message: `${name} is required with AUTH_OIDC_ISSUER` });
  }
}

const configSchema = z
  .object({
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
    USAGE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    // Benchmarks and tests only: "off" skips verification counting, to measure what it costs.
    KEYDESK_USAGE_COUNTING: z.enum(["on", "off"]).default("on"),
    // Benchmarks and tests only: how often counts are written; SPEC §3 allows at most once a minute.
    KEYDESK_USAGE_FLUSH_SECONDS: z.coerce.number().int().min(1).max(60).default(60),
    ...oidcShape,
  })
  .superRefine(requireOidcClient);

/**
 * The same OIDC fields and rule on their own: next-auth's configuration is built when its module
 * loads, which `next build` does without a database, so it cannot wait for DATABASE_URL.
 */
const oidcSchema = z.object(oidcShape).superRefine(requireOidcClient);

export type Config = z.infer<typeof configSchema>;

export type OidcConfig = z.infer<typeof oidcSchema>;

let cached: Config | undefined;
let cachedOidc: OidcConfig | undefined;

function parseEnvironment<T>(schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  return parsed.data;
}

/** Reads configuration once; every default works for a first run on the embedded database. */
export function config(): Config {
  cached ??= parseEnvironment(configSchema);
  return cached;
}

/** Only the OIDC variables, for code that runs before the database is known (see oidcSchema). */
export function oidcConfig(): OidcConfig {
  cachedOidc ??= parseEnvironment(oidcSchema);
  return cachedOidc;
}

/** Tests change the environment between cases; they call this to re-read it. */
export function resetConfigForTests(): void {
  cached = undefined;
  cachedOidc = undefined;
}
