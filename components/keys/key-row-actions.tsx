"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { useToast } from "@/components/toast";
import { keyCommandAction } from "@/lib/keys/actions";
import type { KeyDto } from "@/lib/keys/dto";
import { useKeysContext } from "./keys-context";
import { RenameKeyDialog } from "./rename-key-dialog";
import { RollKeyDialog } from "./roll-key-dialog";
import { RowActionsMenu, type RowAction } from "@/components/ui/row-actions-menu";
import { safeAction } from "./safe-action";

type OpenDialog = "rename" | "renew" | "roll" | "revoke" | "delete" | null;
type Command = Parameters<typeof keyCommandAction>[0];

const COMMAND_TEXT: Record<Command, { done: string; failed: string }> = {
  renew: { done: "Key renewed", failed: "Could not renew the key" },
  revoke: { done: "Key revoked", failed: "Could not revoke the key" },
  delete: { done: "Key deleted", failed: "Could not delete the key" },
};

/** The per-row menu and the dialogs it opens; every change is confirmed and announced by a toast. */
export function KeyRowActions({ apiKey }: { apiKey: KeyDto }) {
  const { ownerId } = useKeysContext();
  const { toast } = useToast();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const revoked = apiKey.status === "revoked";
  const quotedName = `“${apiKey.name}”`;

  async function run(command: Command): Promise<boolean> {
    const result = await safeAction(keyCommandAction(command, ownerId, apiKey.id));
    if (!result.ok) {
      toast({ title: COMMAND_TEXT[command].failed, description: result.error, variant: "error" });
      // Keeps the dialog open, so the user sees the action did not happen.
      return false;
    }
    toast({ title: COMMAND_TEXT[command].done, description: apiKey.name, variant: "success" });
    return true;
  }

  const actions: RowAction[] = [
    { label: "Rename", onSelect: () => setDialog("rename") },
    { label: "Renew", onSelect: () => setDialog("renew") },
    // A revoked key cannot be rolled (the service says 409), so the menu does not offer it.
    ...(revoked ? [] : [{ label: "Roll", onSelect: () => setDialog("roll") }]),
    ...(revoked ? [] : [{ label: "Revoke", destructive: true, separated: true, onSelect: () => setDialog("revoke") }]),
    { label: "Delete", destructive: true, separated: revoked, onSelect: () => setDialog("delete") },
  ];

  const close = (open: boolean) => {
    if (!open) setDialog(null);
  };
  const expiry = apiKey.ttl_days === null ? "It will not expire." : `It will expire ${apiKey.ttl_days} days from now.`;

  return (
    <>
      <div className="flex justify-end">
        <RowActionsMenu label={`Actions for ${apiKey.name}`} actions={actions} />
      </div>
      {/* Only the open dialog is mounted: a page of rows would otherwise carry five dialogs each. */}
      {dialog === "rename" && <RenameKeyDialog open onOpenChange={close} keyId={apiKey.id} currentName={apiKey.name} />}
      {dialog === "roll" && <RollKeyDialog open onOpenChange={close} apiKey={apiKey} />}
      {dialog === "renew" && (
        <ConfirmDialog
          open
          onOpenChange={close}
          title={`Renew ${quotedName}?`}
          // Renewing clears the revocation too (SPEC §3), which deserves saying out loud.
          description={`${revoked ? "This reactivates the revoked key: its secret will work again." : "The secret stays the same."} ${expiry}`}
          confirmLabel="Renew key"
          onConfirm={() => run("renew")}
          data-testid="renew-key-confirm"
        />
      )}
      {dialog === "revoke" && (
        <ConfirmDialog
          open
          onOpenChange={close}
          title={`Revoke ${quotedName}?`}
          description="Requests using this key will be rejected at once. The key stays listed as revoked."
          confirmLabel="Revoke key"
          destructive
          onConfirm={() => run("revoke")}
          data-testid="revoke-key-confirm"
        />
      )}
      {dialog === "delete" && (
        <ConfirmDialog
          open
          onOpenChange={close}
          title={`Delete ${quotedName}?`}
          description="The key stops working and is removed for good. This cannot be undone."
          confirmLabel="Delete key"
          destructive
          onConfirm={() => run("delete")}
          data-testid="delete-key-confirm"
        />
      )}
    </>
  );
}
