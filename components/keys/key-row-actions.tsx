"use client";

import { useState } from "react";
import { toastAction } from "@/components/forms/call-action";
import { RowActionsMenu, type RowAction } from "@/components/ui/dropdown-menu";
import { keyCommandAction } from "@/lib/keys/actions";
import type { KeyDto } from "@/lib/keys/dto";
import { useKeysContext } from "./keys-context";
import { ConfirmDialog, RenameKeyDialog, RollKeyDialog } from "./lazy-dialogs";

type OpenDialog = "rename" | "renew" | "roll" | "revoke" | "delete" | null;
type Command = Parameters<typeof keyCommandAction>[0];

const COMMAND_TEXT: Record<Command, { success: string; failure: string }> = {
  renew: { success: "Key renewed", failure: "Could not renew the key" },
  revoke: { success: "Key revoked", failure: "Could not revoke the key" },
  delete: { success: "Key deleted", failure: "Could not delete the key" },
};

/** The per-row menu and the dialogs it opens; every change is confirmed and announced by a toast. */
export function KeyRowActions({ apiKey }: { apiKey: KeyDto }) {
  const { ownerId } = useKeysContext();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const revoked = apiKey.status === "revoked";
  const quotedName = `“${apiKey.name}”`;

  // A failure keeps the confirmation open, so the user sees the action did not happen.
  const run = (command: Command) =>
    toastAction(() => keyCommandAction(command, ownerId, apiKey.id), {
      ...COMMAND_TEXT[command],
      description: apiKey.name,
    });

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
      <RowActionsMenu label={`Actions for ${apiKey.name}`} actions={actions} />
      {/* Only the open dialog is mounted: a page of rows would otherwise carry five dialogs each. */}
      {dialog === "rename" && <RenameKeyDialog onOpenChange={close} keyId={apiKey.id} currentName={apiKey.name} />}
      {dialog === "roll" && <RollKeyDialog onOpenChange={close} apiKey={apiKey} />}
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
