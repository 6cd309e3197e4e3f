// The "Keys (own)" route handlers behind one small client, so route tests read like API calls.
// Every call goes through the exported handler exactly as Next would invoke it.
import pg from "pg";
import { apiRequest, call } from "@/tests/support/fixtures";

/** A bearer key or a session cookie; the fixtures add a same-origin Origin to cookie writes. */
export type Credentials = { key: string } | { cookie: string };

export function keysApi(credentials: Credentials) {
  const base = "/api/v1/keys";
  return {
    list: (query = "") => call(apiRequest("GET", `${base}${query}`, credentials)),
    create: (body: unknown) => call(apiRequest("POST", base, { ...credentials, body })),
    get: (id: string) => call(apiRequest("GET", `${base}/${id}`, credentials)),
    update: (id: string, body: unknown) => call(apiRequest("PATCH", `${base}/${id}`, { ...credentials, body })),
    remove: (id: string) => call(apiRequest("DELETE", `${base}/${id}`, credentials)),
    revoke: (id: string) => call(apiRequest("POST", `${base}/${id}/revoke`, credentials)),
    renew: (id: string) => call(apiRequest("POST", `${base}/${id}/renew`, credentials)),
    roll: (id: string, body?: unknown) => call(apiRequest("POST", `${base}/${id}/roll`, { ...credentials, body })),
  };
}

export const DAY_MS = 86_400_000;
export const NON_ADMIN_SCOPES = ["keys:read", "keys:write", "models:read", "models:write"];

/** Milliseconds between an ISO time in a response and now + `offsetMs`. */
export function msFromNow(iso: string, offsetMs: number): number {
  return Math.abs(new Date(iso).getTime() - (Date.now() + offsetMs));
}

/**
 * A connection of its own, like another app process or an operator's psql session: its writes
 * reach this process only through the database (and its NOTIFY), never through in-process calls.
 */
export async function otherProcessConnection(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  return client;
}
