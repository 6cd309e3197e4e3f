// Maps each parsed statement to the REST calls of SPEC §4. User and key statements use the
// admin routes; model statements live in execute-models.ts and act on the caller's own account.

import type { ApiClient } from "./api-client";
import { executeInspectStatement } from "./execute-inspect";
import { executeModelStatement } from "./execute-models";
import type { CliResult } from "./format";
import { HELP_TEXT } from "./help-text";
import { asRecord, fetchAllPages } from "./response";
import type { Statement } from "./statements";
import { KEY_COLUMNS, keyPath, resolveKeyId, userPath } from "./targets";

export { CliCommandError } from "./response";

const USER_COLUMNS = ["id", "email", "name", "role", "disabled", "key_count", "created_at", "last_login_at"];
const NEW_KEY_COLUMNS = ["id", "name", "start", "scopes", "expires_at", "key"];

function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

export async function executeStatement(statement: Statement, client: ApiClient): Promise<CliResult> {
  switch (statement.kind) {
    case "list_users": {
      const rows = await fetchAllPages(client, "/admin/users");
      return { rows, columns: USER_COLUMNS, message: countOf(rows.length, "user") };
    }
    case "show_user":
      return { record: asRecord(await client.get(userPath(statement.email)), "the user") };
    case "create_user": {
      const { email, password, role } = statement;
      const user = asRecord(await client.post("/admin/users", { email, password, role }), "the user");
      return { record: user, message: `Created user ${email} (${role}).` };
    }
    case "drop_user": {
      const data = await client.delete(userPath(statement.email));
      return {
        message: `Dropped user ${statement.email} with their keys and model providers.`,
        json: data ?? { email: statement.email, deleted: true },
      };
    }
    case "alter_user_role": {
      const user = asRecord(await client.patch(userPath(statement.email), { role: statement.role }), "the user");
      return { record: user, message: `User ${statement.email} is now ${statement.role}.` };
    }
    case "alter_user_password": {
      const user = asRecord(
        await client.patch(userPath(statement.email), { password: statement.password }),
        "the user",
      );
      return { record: user, message: `Changed the password of ${statement.email}; their sessions have ended.` };
    }
    case "set_user_disabled": {
      const { email, disabled } = statement;
      const user = asRecord(await client.patch(userPath(email), { disabled }), "the user");
      const message = disabled ? `Disabled user ${email}; their keys stop verifying.` : `Enabled user ${email}.`;
      return { record: user, message };
    }
    case "generate_key": {
      const key = asRecord(await client.post(`${userPath(statement.email)}/keys`, {}), "the new key");
      return {
        record: key,
        columns: NEW_KEY_COLUMNS,
        message: `Generated key ${String(key.id)} for ${statement.email}.`,
        warning: "Copy the key now: it will not be shown again.",
      };
    }
    case "list_keys": {
      // status=all: an admin also needs to see revoked and expired keys to drop them.
      const rows = await fetchAllPages(client, `${userPath(statement.email)}/keys`, { status: "all" });
      return { rows, columns: KEY_COLUMNS, message: `${countOf(rows.length, "key")} of ${statement.email}` };
    }
    case "revoke_key": {
      const id = await resolveKeyId(client, statement.key);
      const key = asRecord(await client.post(`${keyPath(statement.email, id)}/revoke`, {}), "the key");
      return { record: key, columns: KEY_COLUMNS, message: `Revoked key ${id} of ${statement.email}.` };
    }
    case "drop_key": {
      const id = await resolveKeyId(client, statement.key);
      const data = await client.delete(keyPath(statement.email, id));
      return { message: `Dropped key ${id} of ${statement.email}.`, json: data ?? { id, deleted: true } };
    }
    case "help":
      return { message: HELP_TEXT, json: { help: HELP_TEXT } };
    case "quit":
      // The shell stops before executing QUIT; here it is a no-op so the switch stays total.
      return {};
    case "show_current_user":
    case "show_user_permission":
    case "show_key":
      return executeInspectStatement(statement, client);
    default:
      return executeModelStatement(statement, client);
  }
}
