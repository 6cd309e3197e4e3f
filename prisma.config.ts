import { defineConfig } from "prisma/config";

// The URL is only read by Prisma's CLI on a connected machine (`prisma migrate status`);
// the app gets its URL from lib/config.ts and migrations run through scripts/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/keydesk" },
});
