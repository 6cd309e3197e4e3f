import type { Caller } from "@/lib/auth/caller";
import { mayCreateKeys } from "@/lib/keys/granting";
import { listKeys } from "@/lib/keys/list";
import type { ListKeysQuery } from "@/lib/keys/schemas";
import { currentSettings } from "@/lib/settings/service";
import { KeysPanel, type KeysPanelProps } from "./keys-panel";

type OwnerKeysProps = Pick<KeysPanelProps, "createLabel" | "emptyActionLabel" | "defaultName"> & {
  caller: Caller;
  owner: { id: string; role: "ADMIN" | "USER" };
  query: ListKeysQuery;
};

/**
 * One page of an owner's keys, fetched on the server (the service GET /keys uses, so search,
 * filter and sort cannot drift), for a page to stream behind its Suspense boundary. The key
 * policies in force, not the environment, decide what the create dialog offers and what is flagged:
 * an admin's saved values win.
 */
export async function OwnerKeys({ caller, owner, query, ...labels }: OwnerKeysProps) {
  const [result, settings] = await Promise.all([listKeys(caller, owner.id, query), currentSettings()]);
  return (
    <KeysPanel
      ownerId={owner.id}
      // Only an admin's key may hold the `admin` scope.
      ownerIsAdmin={owner.role === "ADMIN"}
      keys={result.items}
      total={result.total}
      page={query.page}
      perPage={result.per_page}
      allowNoExpiry={settings.key_allow_no_expiry}
      defaultTtlDays={settings.key_default_ttl_days}
      canCreate={mayCreateKeys(caller, settings)}
      warningPolicy={{ idle_key_days: settings.idle_key_days, expiry_warning_days: settings.expiry_warning_days }}
      {...labels}
    />
  );
}
