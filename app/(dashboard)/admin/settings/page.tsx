import type { Metadata } from "next";
import { DateCell } from "@/components/data-table/date-cell";
import { Card, CardContent } from "@/components/ui/card";
import { sessionCaller } from "@/lib/auth/caller";
import { requireAdmin } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings/service";
import { SettingsForm } from "./_components/settings-form";

export const metadata: Metadata = { title: "Key policies" };

/** The key policies of SPEC §2, validated by the same schema as PATCH /admin/settings. */
export default async function AdminSettingsPage() {
  const settings = await getSettings(sessionCaller(await requireAdmin()));
  const { updated_at: updatedAt, ...values } = settings;
  return (
    <div className="grid gap-6">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Key policies</h1>
        <p className="text-sm text-muted-foreground">
          They apply at once to every new, renewed and rolled key on every Keydesk instance. Existing keys are not
          changed; the overview lists those outside the policy.{" "}
          {updatedAt ? (
            <>
              Last saved <DateCell value={updatedAt} empty="—" withTime />.
            </>
          ) : (
            "Not saved yet: these values come from the environment (KEY_DEFAULT_TTL_DAYS, KEY_ALLOW_NO_EXPIRY)."
          )}
        </p>
      </header>
      <Card>
        <CardContent className="pt-5">
          {/* Remounted after a save, so the form starts from what the server stored. */}
          <SettingsForm key={updatedAt ?? "environment"} values={values} />
        </CardContent>
      </Card>
    </div>
  );
}
