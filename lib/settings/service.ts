import "server-only";
import { parseWith } from "@/lib/api/parse";
import { recordAudit } from "@/lib/audit/service";
import { requireAdminCaller, type Caller } from "@/lib/auth/caller";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { settingsSchema, USER_SCOPES, type SettingsInput, type UpdateSettingsInput } from "@/lib/settings/schemas";

/** The key policies in force (SPEC §2 Settings); updated_at is null until an admin first saves them. */
export type Settings = SettingsInput & { updated_at: string | null };

const SETTINGS_ID = 1;
const settingsSelect = {
  keyDefaultTtlDays: true,
  keyMaxTtlDays: true,
  keyAllowNoExpiry: true,
  userGrantableScopes: true,
  usersCanCreateKeys: true,
  idleKeyDays: true,
  expiryWarningDays: true,
  updatedAt: true,
} satisfies Prisma.SettingsSelect;
type SettingsRow = Prisma.SettingsGetPayload<{ select: typeof settingsSelect }>;

/**
 * What a fresh database answers: §7's variables where there are some; for the rest, a year at
 * most (the API's own limit), users may grant and create as before, keys are idle after 90 days
 * unused and flagged a week before they expire.
 */
function fromEnvironment(): Settings {
  const { KEY_DEFAULT_TTL_DAYS, KEY_ALLOW_NO_EXPIRY } = config();
  return {
    key_default_ttl_days: KEY_DEFAULT_TTL_DAYS,
    key_max_ttl_days: 365,
    key_allow_no_expiry: KEY_ALLOW_NO_EXPIRY,
    user_grantable_scopes: [...USER_SCOPES],
    users_can_create_keys: true,
    idle_key_days: 90,
    expiry_warning_days: 7,
    updated_at: null,
  };
}

function toSettings(row: SettingsRow): Settings {
  return {
    key_default_ttl_days: row.keyDefaultTtlDays,
    key_max_ttl_days: row.keyMaxTtlDays,
    key_allow_no_expiry: row.keyAllowNoExpiry,
    // Written only through settingsSchema, so every entry is a scope.
    user_grantable_scopes: row.userGrantableScopes as SettingsInput["user_grantable_scopes"],
    users_can_create_keys: row.usersCanCreateKeys,
    idle_key_days: row.idleKeyDays,
    expiry_warning_days: row.expiryWarningDays,
    updated_at: row.updatedAt.toISOString(),
  };
}

function toRow(settings: SettingsInput) {
  return {
    keyDefaultTtlDays: settings.key_default_ttl_days,
    keyMaxTtlDays: settings.key_max_ttl_days,
    keyAllowNoExpiry: settings.key_allow_no_expiry,
    userGrantableScopes: settings.user_grantable_scopes,
    usersCanCreateKeys: settings.users_can_create_keys,
    idleKeyDays: settings.idle_key_days,
    expiryWarningDays: settings.expiry_warning_days,
  };
}

/**
 * The policies in force now, for the key service and the overview. Read from the database on
 * every operation (one primary-key row), so a saved change applies at once on every instance.
 */
export async function currentSettings(client: Pick<typeof db, "settings"> = db): Promise<Settings> {
  const row = await client.settings.findUnique({ where: { id: SETTINGS_ID }, select: settingsSelect });
  return row ? toSettings(row) : fromEnvironment();
}

/** GET /admin/settings. */
export async function getSettings(caller: Caller): Promise<Settings> {
  requireAdminCaller(caller);
  return currentSettings();
}

const editableFields = (settings: Settings): SettingsInput => {
  const { updated_at: _updatedAt, ...fields } = settings;
  return fields;
};

/**
 * PATCH /admin/settings: merges the change into the policies in force and validates the result
 * as a whole (a default above the maximum is a 400 naming both). The row is locked for the
 * change, so two admins saving different fields at once both keep their change.
 */
export async function updateSettings(caller: Caller, input: UpdateSettingsInput): Promise<Settings> {
  requireAdminCaller(caller);
  return db.$transaction(async (tx) => {
    // The first save writes what was in force from the environment, then changes it.
    const initial = editableFields(fromEnvironment());
    await tx.settings.createMany({ data: [{ id: SETTINGS_ID, ...toRow(initial) }], skipDuplicates: true });
    await tx.$queryRaw`SELECT id FROM settings WHERE id = ${SETTINGS_ID} FOR UPDATE`;
    const before = editableFields(await currentSettings(tx));
    const after = parseWith(settingsSchema, { ...before, ...input }, "settings");
    const changed = Object.fromEntries(
      (Object.keys(after) as (keyof SettingsInput)[])
        .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
        .map((field) => [field, { from: before[field], to: after[field] }]),
    );
    const row = await tx.settings.update({ where: { id: SETTINGS_ID }, data: toRow(after), select: settingsSelect });
    await recordAudit(
      caller,
      { action: "settings.updated", target: { type: "settings", id: String(SETTINGS_ID) }, details: { changed } },
      tx,
    );
    return toSettings(row);
  });
}
