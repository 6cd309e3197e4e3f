import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { migrate, MIGRATIONS_DIR } from "@/lib/setup/migrate";
import { readdirSync } from "node:fs";

const serverUrl = inject("postgresUrl");
const created: string[] = [];

async function emptyDatabase(): Promise<string> {
  const name = `migrate_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  created.push(name);
  return serverUrl.replace(/\/keydesk$/, `/${name}`);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const migrationNames = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

afterAll(async () => {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe("migration runner", () => {
  it("applies every migration to a fresh database and records each in _prisma_migrations", async () => {
    const url = await emptyDatabase();
    expect(await migrate(url)).toEqual(migrationNames);
    const rows = await query<{
      migration_name: string;
      applied_steps_count: number;
      finished: boolean;
      checksum: string;
    }>(
      url,
      `SELECT migration_name, applied_steps_count, finished_at IS NOT NULL AS finished, checksum FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
    expect(
      rows.every((row) => row.finished && row.applied_steps_count === 1 && /^[0-9a-f]{64}$/.test(row.checksum)),
    ).toBe(true);
    const tables = await query<{ table_name: string }>(
      url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      "_prisma_migrations",
      "api_keys",
      "audit_events",
      "default_models",
      "ended_sessions",
      "key_last_used",
      "key_name_words",
      "key_usage",
      "login_limits",
      "model_providers",
      "provider_models",
      "recently_deleted_keys",
      "settings",
      "users",
    ]);
  });

  it("does nothing when run again", async () => {
    const url = await emptyDatabase();
    await migrate(url);
    expect(await migrate(url)).toEqual([]);
    const [{ count }] = await query<{ count: string }>(url, `SELECT count(*) FROM "_prisma_migrations"`);
    expect(Number(count)).toBe(migrationNames.length);
  });

  it("applies each migration once when two runners start together", async () => {
    const url = await emptyDatabase();
    const [first, second] = await Promise.all([migrate(url), migrate(url)]);
    expect([...first, ...second].sort()).toEqual(migrationNames);
    const [{ count }] = await query<{ count: string }>(url, `SELECT count(*) FROM "_prisma_migrations"`);
    expect(Number(count)).toBe(migrationNames.length);
  });

  it("creates _prisma_migrations with exactly Prisma's columns and types", async () => {
    const url = await emptyDatabase();
    await migrate(url);
    const columns = await query<{ column_name: string; data_type: string; is_nullable: string }>(
      url,
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", is_nullable: "NO" },
      { column_name: "checksum", data_type: "character varying", is_nullable: "NO" },
      { column_name: "finished_at", data_type: "timestamp with time zone", is_nullable: "YES" },
      { column_name: "migration_name", data_type: "character varying", is_nullable: "NO" },
      { column_name: "logs", data_type: "text", is_nullable: "YES" },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", is_nullable: "YES" },
      { column_name: "started_at", data_type: "timestamp with time zone", is_nullable: "NO" },
      { column_name: "applied_steps_count", data_type: "integer", is_nullable: "NO" },
    ]);
  });
});
