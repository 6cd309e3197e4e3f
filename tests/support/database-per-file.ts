// Runs before each test file: gives it a fresh database copied from the migrated template and
// the environment the app expects. Module-level singletons live on globalThis and survive
// between files in one worker, so they are reset here.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { resetConfigForTests } from "@/lib/config";

const serverUrl = inject("postgresUrl");
const name = `test_${randomBytes(6).toString("hex")}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name} TEMPLATE keydesk_template`);
await admin.end();

Object.assign(process.env, {
  DATABASE_URL: serverUrl.replace(/\/keydesk$/, `/${name}`),
  AUTH_SECRET: "test-auth-secret-test-auth-secret-0123456789",
  SECRET_ENCRYPTION_KEY: "0".repeat(64),
  KEY_PREFIX: "kd",
  KEY_DEFAULT_TTL_DAYS: "90",
  KEY_ALLOW_NO_EXPIRY: "false",
});
resetConfigForTests();

type Singletons = {
  keydeskDb?: { $disconnect(): Promise<void> };
  keydeskKeyCache?: { close(): Promise<void> };
  keydeskLastUsed?: unknown;
  keydeskVerifyLookupPool?: { end(): Promise<void> };
  keydeskUsage?: { timer: NodeJS.Timeout | null };
};
const singletons = globalThis as unknown as Singletons;
singletons.keydeskDb = undefined;
singletons.keydeskKeyCache = undefined;
singletons.keydeskLastUsed = undefined;
singletons.keydeskVerifyLookupPool = undefined;
// A previous file's pending usage flush would write through that file's closed client.
if (singletons.keydeskUsage?.timer) clearTimeout(singletons.keydeskUsage.timer);
singletons.keydeskUsage = undefined;

afterAll(async () => {
  await singletons.keydeskKeyCache?.close();
  await singletons.keydeskDb?.$disconnect();
  await singletons.keydeskVerifyLookupPool?.end();
  const cleanup = new pg.Client({ connectionString: serverUrl });
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await cleanup.end();
});
