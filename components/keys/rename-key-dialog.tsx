"use client";

import { useId, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { placeServerErrors } from "@/components/forms/place-server-errors";
import { useToast } from "@/components/toast";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/field-error";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { renameKeyAction } from "@/lib/keys/actions";
import { updateKeySchema } from "@/lib/keys/schemas";
import { useKeysContext } from "./keys-context";
import { safeAction } from "./safe-action";

type RenameKeyDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  keyId: string;
  currentName: string;
};

export function RenameKeyDialog({ open, onOpenChange, keyId, currentName }: RenameKeyDialogProps) {
  const [pending, startTransition] = useTransition();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      busy={pending}
      title="Rename key"
      description="The name is only a label: the secret and its scopes stay the same."
      size="sm"
      data-testid="rename-key-dialog"
    >
      <RenameKeyForm
        keyId={keyId}
        currentName={currentName}
        pending={pending}
        startTransition={startTransition}
        onDone={() => onOpenChange(false)}
      />
    </Dialog>
  );
}

type RenameKeyFormProps = {
  keyId: string;
  currentName: string;
  pending: boolean;
  startTransition: ReturnType<typeof useTransition>[1];
  onDone: () => void;
};

// Mounted only while the dialog is open, so every opening starts from the key's current name.
function RenameKeyForm({ keyId, currentName, pending, startTransition, onDone }: RenameKeyFormProps) {
  const { ownerId } = useKeysContext();
  const { toast } = useToast();
  const nameId = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<z.input<typeof updateKeySchema>, unknown, z.output<typeof updateKeySchema>>({
    // The schema the rename action checks again on the server.
    resolver: zodResolver(updateKeySchema),
    defaultValues: { name: currentName },
  });
  const nameError = form.formState.errors.name?.message;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await safeAction(renameKeyAction(ownerId, keyId, { name: values.name }));
      if (!result.ok) {
        if (!placeServerErrors(form.setError, result.fields, ["name"]).placed) setFormError(result.error);
        return;
      }
      toast({ title: "Key renamed", description: result.data.name, variant: "success" });
      onDone();
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      <FormError message={formError} testId="rename-key-error" />
      <div className="grid gap-1.5">
        <Label htmlFor={nameId}>Name</Label>
        <Input
          id={nameId}
          autoComplete="off"
          maxLength={100}
          invalid={Boolean(nameError)}
          aria-describedby={`${nameId}-error`}
          {...form.register("name")}
        />
        <FieldError id={`${nameId}-error`} errors={nameError} />
      </div>
      <DialogFooter>
        <Button variant="secondary" disabled={pending} onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={pending}>
          Save name
        </Button>
      </DialogFooter>
    </form>
  );
}
