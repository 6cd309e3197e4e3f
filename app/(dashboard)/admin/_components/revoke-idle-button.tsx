"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { toastAction } from "@/components/forms/call-action";
import { Button } from "@/components/ui/button";
import { revokeIdleKeysAction } from "@/lib/usage/actions";

const keys = (count: number) => `${count} idle ${count === 1 ? "key" : "keys"}`;

/** Revokes the idle keys the overview lists, after a confirmation that says how many. */
export function RevokeIdleButton({ keyIds, idleDays }: { keyIds: string[]; idleDays: number }) {
  const [open, setOpen] = useState(false);
  const count = keyIds.length;

  return (
    <>
      <Button variant="danger" size="sm" onClick={() => setOpen(true)}>
        Revoke {keys(count)}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Revoke ${keys(count)}?`}
        description={`Each listed key unused for over ${idleDays} days stops working at once; a key used since this page loaded is kept. Every revocation is recorded in the audit log.`}
        confirmLabel={`Revoke ${count === 1 ? "key" : "keys"}`}
        destructive
        onConfirm={() =>
          toastAction(() => revokeIdleKeysAction(keyIds), {
            // A key used since the page loaded is kept, so the count can be below the one asked for.
            success: ({ revoked }) => `Revoked ${keys(revoked.length)}`,
            failure: "Could not revoke the idle keys",
          })
        }
        data-testid="revoke-idle-confirm"
      />
    </>
  );
}
