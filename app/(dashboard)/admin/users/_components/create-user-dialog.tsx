"use client";

import { toast } from "sonner";
import { FormDialog } from "@/components/forms/form-dialog";
import { FormField } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { createUserAction } from "@/lib/users/actions";
import { createUserSchema, PASSWORD_MIN_LENGTH } from "@/lib/users/schemas";

const ROLE_OPTIONS = [
  { value: "USER", label: "User" },
  { value: "ADMIN", label: "Admin" },
];

/** Mounted only while open, so each opening starts empty. A duplicate email's 409 lands on the email field. */
export function CreateUserDialog({ onOpenChange }: { onOpenChange: (open: boolean) => void }) {
  const actionForm = useActionForm({
    schema: createUserSchema,
    defaultValues: { email: "", name: "", password: "", role: "USER" as const },
    action: createUserAction,
    onSuccess: (user) => {
      toast.success("User created", { description: user.email });
      onOpenChange(false);
    },
  });
  const { control } = actionForm.form;
  return (
    <FormDialog
      actionForm={actionForm}
      onOpenChange={onOpenChange}
      name="create-user"
      title="Create user"
      description="They sign in with this email and password; share the password with them safely."
      submitLabel="Create user"
    >
      <FormField control={control} name="email" label="Email">
        {(field) => <Input {...field} value={field.value ?? ""} type="email" autoComplete="off" />}
      </FormField>
      <FormField control={control} name="name" label="Name">
        {(field) => (
          <Input {...field} value={field.value ?? ""} autoComplete="off" maxLength={100} placeholder="Optional" />
        )}
      </FormField>
      <FormField
        control={control}
        name="password"
        label="Password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
      >
        {/* Not the admin's own password: keeps browsers from offering to fill or save theirs. */}
        {(field) => <Input {...field} value={field.value ?? ""} type="password" autoComplete="new-password" />}
      </FormField>
      <FormField control={control} name="role" label="Role">
        {(field) => <Select {...field} options={ROLE_OPTIONS} />}
      </FormField>
    </FormDialog>
  );
}
