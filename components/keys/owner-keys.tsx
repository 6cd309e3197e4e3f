import type { Caller } from "@/lib/auth/caller";
import { config } from "@/lib/config";
import { listKeys } from "@/lib/keys/list";
import type { ListKeysQuery } from "@/lib/keys/schemas";
import { KeysPanel, type KeysPanelProps } from "./keys-panel";

type OwnerKeysProps = Pick<KeysPanelProps, "createLabel" | "emptyActionLabel" | "defaultName"> & {
  caller: Caller;
  owner: { id: string; role: "ADMIN" | "USER" };
  query: ListKeysQuery;
};

/**
 * One page of an owner's keys, fetched on the server (the service GET /keys uses, so search,
 * filter and sort cannot drift), for a page to stream behind its Suspense boundary.
 */
export async function OwnerKeys({ caller, owner, query, ...labels }: OwnerKeysProps) {
  const result = await listKeys(caller, owner.id, query);
  const { KEY_ALLOW_NO_EXPIRY, KEY_DEFAULT_TTL_DAYS } = config();
  return (
    <KeysPanel
      ownerId={owner.id}
      // Only an admin's key may hold the `admin` scope.
      ownerIsAdmin={owner.role === "ADMIN"}
      keys={result.items}
      total={result.total}
      page={query.page}
      perPage={result.per_page}
      allowNoExpiry={KEY_ALLOW_NO_EXPIRY}
      defaultTtlDays={KEY_DEFAULT_TTL_DAYS}
      {...labels}
    />
  );
}
