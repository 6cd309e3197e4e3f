"use client";

import { toast } from "sonner";
import { FormDialog } from "@/components/forms/form-dialog";
import { FormField } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Input } from "@/components/ui/input";
import { renameKeyAction } from "@/lib/keys/actions";
import { updateKeySchema } from "@/lib/keys/schemas";
import { useKeysContext } from "./keys-context";

type RenameKeyDialogProps = {
  onOpenChange: (open: boolean) => void;
  keyId: string;
  currentName: string;
};

/** Mounted only while open, so every opening starts from the key's current name. */
export function RenameKeyDialog({ onOpenChange, keyId, currentName }: RenameKeyDialogProps) {
  const { ownerId } = useKeysContext();
  const actionForm = useActionForm({
    schema: updateKeySchema,
    defaultValues: { name: currentName },
    action: (values) => renameKeyAction(ownerId, keyId, { name: values.name }),
    onSuccess: (renamed) => {
      toast.success("Key renamed", { description: renamed.name });
      onOpenChange(false);
    },
  });
  return (
    <FormDialog
      actionForm={actionForm}
      onOpenChange={onOpenChange}
      name="rename-key"
      title="Rename key"
      description="The name is only a label: the secret and its scopes stay the same."
      submitLabel="Save name"
      size="sm"
    >
      <FormField control={actionForm.form.control} name="name" label="Name">
        {(field) => <Input {...field} autoComplete="off" maxLength={100} value={field.value ?? ""} />}
      </FormField>
    </FormDialog>
  );
}
