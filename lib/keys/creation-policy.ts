import "server-only";
import type { Caller, Scope } from "@/lib/auth/caller";
import { grantableScopes, mayCreateKeys } from "@/lib/keys/granting";
import { authorizeOwner } from "@/lib/keys/service";
import { currentSettings } from "@/lib/settings/service";

/** What the create-key form may offer this caller for this owner's keys, under the settings in force. */
export type KeyCreationPolicy = {
  /** False when users may not create keys (the Create button hides; the service refuses). */
  can_create: boolean;
  grantable_scopes: Scope[];
  default_ttl_days: number;
  max_ttl_days: number;
  allow_no_expiry: boolean;
};

export async function keyCreationPolicy(caller: Caller, ownerId: string): Promise<KeyCreationPolicy> {
  const owner = await authorizeOwner(caller, ownerId, "keys:write");
  const settings = await currentSettings();
  const scopes = grantableScopes(caller, owner, settings);
  return {
    can_create: mayCreateKeys(caller, settings) && scopes.length > 0,
    grantable_scopes: scopes,
    default_ttl_days: settings.key_default_ttl_days,
    max_ttl_days: settings.key_max_ttl_days,
    allow_no_expiry: settings.key_allow_no_expiry,
  };
}
