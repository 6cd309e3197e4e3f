"use client";

import { useTransition } from "react";
import { Dialog } from "@/components/ui/dialog";
import { CreateKeyForm, type CreatedKeyResult } from "./create-key-form";

export type CreateKeyDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  ownerId: string;
  /** Only an admin's key may hold the `admin` scope, so only then is it offered. */
  ownerIsAdmin: boolean;
  /** KEY_ALLOW_NO_EXPIRY: whether "No expiry" is offered. */
  allowNoExpiry: boolean;
  /** KEY_DEFAULT_TTL_DAYS: the preselected lifetime. */
  defaultTtlDays: number;
  defaultName?: string;
  /** "Create key" on /keys, "Generate key" when an admin makes one for a user. */
  title: string;
  /** Called with the create response; `key` (the secret) is there unless an alias renewed a key. */
  onCreated: (created: CreatedKeyResult) => void;
};

export function CreateKeyDialog({ open, onOpenChange, onCreated, title, ...formProps }: CreateKeyDialogProps) {
  // Owned here rather than by the form, so the dialog refuses to close mid-request.
  const [pending, startTransition] = useTransition();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      busy={pending}
      title={title}
      description="The secret is shown once, right after the key is created."
      size="md"
      data-testid="create-key-dialog"
    >
      <CreateKeyForm
        {...formProps}
        pending={pending}
        startTransition={startTransition}
        onCancel={() => onOpenChange(false)}
        onCreated={onCreated}
      />
    </Dialog>
  );
}
