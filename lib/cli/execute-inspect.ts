// Statements that only read: SHOW CURRENT USER, SHOW USER PERMISSION and SHOW KEY (SPEC §6).

import { CliApiError, type ApiClient } from "./api-client";
import type { CliResult } from "./format";
import { asRecord, fetchAllPages } from "./response";
import type { Statement } from "./statements";
import { KEY_COLUMNS, keyPath, resolveKeyId, userPath } from "./targets";

export type InspectStatement = Extract<Statement, { kind: "show_current_user" | "show_user_permission" | "show_key" }>;

const PERMISSION_COLUMNS = ["id", "name", "status", "scopes", "expires_at"];
const USAGE_COLUMNS = ["start", "valid", "revoked", "expired", "owner_disabled"];

/** The key's verifications in the last 24 h, or null when the server has no usage route. */
async function lastDayOfUse(client: ApiClient, path: string): Promise<Record<string, unknown> | null> {
  try {
    return asRecord(await client.get(`${path}/usage`), "the key's usage");
  } catch (error) {
    if (error instanceof CliApiError && error.status === 404) return null;
    throw error;
  }
}

export async function executeInspectStatement(statement: InspectStatement, client: ApiClient): Promise<CliResult> {
  switch (statement.kind) {
    case "show_current_user": {
      const me = asRecord(await client.get("/me"), "the caller");
      const user = asRecord(me.user, "the user");
      const key = me.key === null || me.key === undefined ? null : asRecord(me.key, "the key");
      return {
        record: { ...user, key_id: key?.id ?? null, key_scopes: key?.scopes ?? null },
        json: me,
      };
    }
    case "show_user_permission": {
      const user = asRecord(await client.get(userPath(statement.email)), "the user");
      const keys = await fetchAllPages(client, `${userPath(statement.email)}/keys`, { status: "all" });
      const rows = keys.map((key) => ({
        id: key.id,
        name: key.name,
        status: key.status,
        scopes: key.scopes,
        expires_at: key.expires_at,
      }));
      return {
        rows,
        columns: PERMISSION_COLUMNS,
        message: `${statement.email} is ${String(user.role)}${user.disabled === true ? " (disabled)" : ""}; ${rows.length} key${rows.length === 1 ? "" : "s"}. A USER's key never acts with the admin scope.`,
        json: { email: user.email, role: user.role, disabled: user.disabled, keys: rows },
      };
    }
    case "show_key": {
      const id = await resolveKeyId(client, statement.key);
      const path = keyPath(statement.email, id);
      const key = asRecord(await client.get(path), "the key");
      const usage = await lastDayOfUse(client, path);
      if (!usage)
        return { record: key, columns: KEY_COLUMNS, message: "No usage data: this server does not count it." };
      const buckets = Array.isArray(usage.buckets) ? usage.buckets.map((bucket) => asRecord(bucket, "a bucket")) : [];
      return {
        record: key,
        columns: KEY_COLUMNS,
        rows: buckets,
        rowColumns: USAGE_COLUMNS,
        message: `Last 24 h: ${JSON.stringify(usage.totals ?? {})}`,
        json: { key, usage },
      };
    }
  }
}
