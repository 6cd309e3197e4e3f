// Helpers for the Models route tests: real route handlers, real keys, a real refused port.
import { createServer } from "node:net";
import { db } from "@/lib/db";
import type { Scope } from "@/lib/auth/caller";
import { apiRequest, call, createUser, keyFor } from "@/tests/support/fixtures";

/** The one key the fake provider accepts in these tests. */
export const GOOD_KEY = "sk-test-good-0123456789abcdefghij";
export const BAD_KEY = "sk-test-bad-00000000000000000000wxyz";
/** SECRET_ENCRYPTION_KEY as tests/support/database-per-file.ts sets it. */
export const TEST_ENCRYPTION_KEY = "0".repeat(64);

/** A URL on a port that was free a moment ago, so connecting to it is refused at once. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

export async function newUser(scopes?: Scope[]) {
  const user = await createUser();
  return { user, key: (await keyFor(user, scopes)).secret };
}

export const addProvider = (key: string, body: unknown) => call(apiRequest("POST", "/api/v1/models", { key, body }));
export const removeProvider = (key: string, body: unknown) =>
  call(apiRequest("DELETE", "/api/v1/models", { key, body }));
export const listModels = (key: string, query = "") => call(apiRequest("GET", `/api/v1/models${query}`, { key }));
export const listProviders = (key: string) => call(apiRequest("GET", "/api/v1/models/providers", { key }));
export const getDefaultModels = (key: string) => call(apiRequest("GET", "/api/v1/models/default", { key }));
export const setDefaultModels = (key: string, body: unknown) =>
  call(apiRequest("POST", "/api/v1/models/default", { key, body }));

export const providerRows = (userId: string) =>
  db.modelProvider.findMany({
    where: { userId },
    select: { id: true, factory: true, baseUrl: true, status: true, apiKeyMasked: true },
    orderBy: { factory: "asc" },
  });

export const modelRows = (providerId: string) =>
  db.providerModel.findMany({
    where: { providerId },
    select: { name: true, type: true, maxTokens: true, usedTokens: true },
    orderBy: { id: "asc" },
  });
