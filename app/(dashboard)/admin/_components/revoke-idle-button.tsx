"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { safeAction } from "@/components/keys/safe-action";
import { useToast } from "@/components/toast";
import { Button } from "@/components/ui/button";
import { revokeIdleKeysAction } from "@/lib/usage/actions";

/** Revokes the idle keys the overview lists, after a confirmation that says how many. */
export function RevokeIdleButton({ keyIds, idleDays }: { keyIds: string[]; idleDays: number }) {
  const { toast } = useToast();
  const [open, setOpen] = useState(false);
  const count = keyIds.length;
  const noun = count === 1 ? "key" : "keys";

  async function revoke(): Promise<boolean> {
    const result = await safeAction(revokeIdleKeysAction(keyIds));
    if (!result.ok) {
      toast({ title: "Could not revoke the idle keys", description: result.error, variant: "error" });
      return false;
    }
    const revoked = result.data.revoked.length;
    toast({ title: `Revoked ${revoked} idle ${revoked === 1 ? "key" : "keys"}`, variant: "success" });
    return true;
  }

  return (
    <>
      <Button variant="danger" size="sm" onClick={() => setOpen(true)}>
        Revoke {count} idle {noun}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Revoke ${count} idle ${noun}?`}
        description={`Each listed key unused for over ${idleDays} days stops working at once; a key used since this page loaded is kept. Every revocation is recorded in the audit log.`}
        confirmLabel={`Revoke ${noun}`}
        destructive
        onConfirm={revoke}
        data-testid="revoke-idle-confirm"
      />
    </>
  );
}
