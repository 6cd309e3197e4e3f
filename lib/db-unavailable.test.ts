// isDatabaseUnavailable is fed the errors a real PostgreSQL produces when it goes away, captured
// here and now from a throwaway server of this test's own (never the shared test server): queries
// in flight during a fast shutdown, new connections while a smart shutdown waits, every kind of
// Prisma call against a stopped server, a listener connection, a pool that cannot connect in time,
// and an immediate shutdown. Errors that are the request's fault must not count.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/db-unavailable";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/setup/embedded-db";
import { migrate } from "@/lib/setup/migrate";

let dataDir: string;
let database: EmbeddedDatabase;

const prismaFor = (url: string, options: { max?: number; connectionTimeoutMillis?: number } = {}) =>
  new PrismaClient({ adapter: new PrismaPg({ connectionString: url, ...options }) });

/** The rejection of a promise that must reject. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the database call to fail");
    },
    (error: unknown) => error,
  );
}

const postmasterPid = async () => Number((await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);

/**
 * Signals the postmaster directly (SIGTERM: smart shutdown, SIGQUIT: immediate). A server stopped
 * this way is not stop()ped afterwards: its process has already exited.
 */
async function signalPostmaster(signal: NodeJS.Signals): Promise<number> {
  const pid = await postmasterPid();
  process.kill(pid, signal);
  return pid;
}

async function waitForExit(pid: number) {
  for (let waited = 0; waited < 10_000; waited += 50) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("postmaster did not exit");
}

// The port is remembered in the data directory, so a restarted server keeps its URL.
const restart = async () => {
  database = await startEmbeddedPostgres({ dataDir, throwaway: true, keepData: true });
};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(process.cwd(), ".tmp", "unavailable-pg-"));
  await restart();
  await migrate(database.url);
}, 60_000);

afterAll(async () => {
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("isDatabaseUnavailable, on errors captured from a real PostgreSQL", () => {
  it("recognises every failure of a fast shutdown and of a stopped server", { timeout: 30_000 }, async () => {
    const prisma = prismaFor(database.url);
    await prisma.user.count();
    const listener = new pg.Client({ connectionString: database.url });
    const listenerError = new Promise<Error>((resolve) => listener.on("error", resolve));
    await listener.connect();
    await listener.query("LISTEN keydesk_key_change");

    const inFlightRaw = failure(prisma.$queryRaw`SELECT pg_sleep(30)`);
    const inFlightModel = failure(prisma.$transaction(async (tx) => tx.$executeRaw`SELECT pg_sleep(30)`));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await database.stop();

    const captured = {
      inFlightRaw: await inFlightRaw,
      inFlightTransaction: await inFlightModel,
      listener: await listenerError,
      raw: await failure(prisma.$queryRaw`SELECT 1`),
      model: await failure(prisma.user.count()),
      interactiveTransaction: await failure(prisma.$transaction(async (tx) => tx.user.count())),
      batchTransaction: await failure(prisma.$transaction([prisma.user.count()])),
      create: await failure(prisma.user.create({ data: { email: "a@b.test", name: "a", passwordHash: "x" } })),
      plainPg: await failure(new pg.Client({ connectionString: database.url }).connect()),
      // A client whose connection broke, asked again (Prisma hands a pooled one's error on as is).
      brokenClient: await failure(listener.query("SELECT 1")),
    };
    expect(String(captured.brokenClient)).toContain("Client has encountered a connection error and is not queryable");
    for (const [shape, error] of Object.entries(captured))
      expect([shape, isDatabaseUnavailable(error)]).toEqual([shape, true]);
    // The shape the old check missed: P2010 with the reason under meta.driverAdapterError.cause.
    expect(captured.raw).toMatchObject({ code: "P2010" });
    await prisma.$disconnect();
    await restart();
  });

  it("recognises new connections refused while a smart shutdown waits", { timeout: 30_000 }, async () => {
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    const pid = await signalPostmaster("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const prisma = prismaFor(database.url);
    const shuttingDown = {
      raw: await failure(prisma.$queryRaw`SELECT 1`),
      model: await failure(prisma.user.count()),
      plainPg: await failure(new pg.Client({ connectionString: database.url }).connect()),
    };
    expect(String(shuttingDown.plainPg)).toContain("the database system is shutting down");
    for (const [shape, error] of Object.entries(shuttingDown))
      expect([shape, isDatabaseUnavailable(error)]).toEqual([shape, true]);
    await holder.end();
    await prisma.$disconnect();
    await waitForExit(pid);
    await restart();
  });

  it("recognises a pool that cannot hand out a connection in time", { timeout: 30_000 }, async () => {
    const prisma = prismaFor(database.url, { max: 1, connectionTimeoutMillis: 300 });
    const holding = prisma.$transaction(async (tx) => tx.$executeRaw`SELECT pg_sleep(4)`, { timeout: 8_000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const timedOut = {
      raw: await failure(prisma.$queryRaw`SELECT 1`),
      model: await failure(prisma.user.count()),
      transaction: await failure(prisma.$transaction(async (tx) => tx.user.count(), { maxWait: 300 })),
      batch: await failure(prisma.$transaction([prisma.user.findMany(), prisma.user.count()])),
    };
    expect(timedOut.transaction).toMatchObject({ code: "P2028" });
    for (const [shape, error] of Object.entries(timedOut))
      expect([shape, isDatabaseUnavailable(error)]).toEqual([shape, true]);
    await holding;
    await prisma.$disconnect();
  });

  it("recognises queries cut off by an immediate shutdown", { timeout: 30_000 }, async () => {
    const prisma = prismaFor(database.url);
    await prisma.user.count();
    const inFlight = failure(prisma.$queryRaw`SELECT pg_sleep(30)`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await waitForExit(await signalPostmaster("SIGQUIT"));
    expect(isDatabaseUnavailable(await inFlight)).toBe(true);
    await prisma.$disconnect();
    await restart();
  });

  it("does not count the request's own faults", async () => {
    const prisma = prismaFor(database.url);
    await prisma.user.create({ data: { email: "dup@b.test", name: "a", passwordHash: "x" } });
    const ownFaults = {
      duplicate: await failure(prisma.user.create({ data: { email: "dup@b.test", name: "a", passwordHash: "x" } })),
      missing: await failure(prisma.user.update({ where: { id: "nobody" }, data: { name: "b" } })),
      badSql: await failure(prisma.$queryRawUnsafe("SELECT FROM nowhere_at_all")),
      nul: await failure(prisma.user.findFirst({ where: { name: "a\u0000b" } })),
      plain: new Error("something else broke"),
    };
    for (const [shape, error] of Object.entries(ownFaults))
      expect([shape, isDatabaseUnavailable(error)]).toEqual([shape, false]);
    await prisma.$disconnect();
  });
});
