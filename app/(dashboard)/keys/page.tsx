import type { Metadata } from "next";
import { KeysPanel } from "@/components/keys/keys-panel";
import { sessionCaller } from "@/lib/auth/caller";
import { requireUser } from "@/lib/auth/session";
import { mayCreateKeys } from "@/lib/keys/granting";
import { listKeys } from "@/lib/keys/list";
import { keysQueryFromSearchParams } from "@/lib/keys/list-query-params";
import { currentSettings } from "@/lib/settings/service";

export const metadata: Metadata = { title: "API keys" };

export default async function KeysPage({ searchParams }: PageProps<"/keys">) {
  const user = await requireUser();
  const query = keysQueryFromSearchParams(await searchParams);
  // The same service the REST API's GET /keys uses, so search, filter and sort cannot drift.
  const caller = sessionCaller(user);
  const [result, settings] = await Promise.all([listKeys(caller, user.id, query), currentSettings()]);

  return (
    <div className="grid gap-6">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">API keys</h1>
        <p className="text-sm text-muted-foreground">
          Keys let programs call Keydesk&apos;s API as you. A key&apos;s secret is shown once, when it is created or
          rolled; store it safely, and revoke any key you no longer use.
        </p>
      </header>
      <KeysPanel
        ownerId={user.id}
        ownerIsAdmin={user.role === "ADMIN"}
        keys={result.items}
        total={result.total}
        page={result.page}
        perPage={result.per_page}
        // The key policies in force, not the environment: an admin's saved values win.
        allowNoExpiry={settings.key_allow_no_expiry}
        defaultTtlDays={settings.key_default_ttl_days}
        canCreate={mayCreateKeys(caller, settings)}
        warningPolicy={{ idle_key_days: settings.idle_key_days, expiry_warning_days: settings.expiry_warning_days }}
      />
    </div>
  );
}
