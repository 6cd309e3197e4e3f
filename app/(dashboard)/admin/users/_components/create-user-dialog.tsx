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
import { Select } from "@/components/ui/select";
import { createUserAction } from "@/lib/users/actions";
import { createUserSchema, PASSWORD_MIN_LENGTH } from "@/lib/users/schemas";

type FormInput = z.input<typeof createUserSchema>;
type FormOutput = z.output<typeof createUserSchema>;

const FORM_FIELDS = ["email", "name", "password", "role"] as const;

type CreateUserDialogProps = { open: boolean; onOpenChange: (open: boolean) => void };

export function CreateUserDialog({ open, onOpenChange }: CreateUserDialogProps) {
  // Owned here rather than by the form, so the dialog refuses to close mid-request.
  const [pending, startTransition] = useTransition();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      busy={pending}
      title="Create user"
      description="They sign in with this email and password; share the password with them safely."
      data-testid="create-user-dialog"
    >
      <CreateUserForm pending={pending} startTransition={startTransition} onDone={() => onOpenChange(false)} />
    </Dialog>
  );
}

type CreateUserFormProps = {
  pending: boolean;
  startTransition: ReturnType<typeof useTransition>[1];
  onDone: () => void;
};

/** Mounted only while the dialog is open (Dialog unmounts its content), so each opening starts empty. */
function CreateUserForm({ pending, startTransition, onDone }: CreateUserFormProps) {
  const id = useId();
  const { toast } = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormInput, unknown, FormOutput>({
    // The very schema createUserAction parses again on the server.
    resolver: zodResolver(createUserSchema),
    defaultValues: { email: "", name: "", password: "", role: "USER" },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await createUserAction(values);
      if (result.ok) {
        toast({ title: "User created", description: result.data.email, variant: "success" });
        return onDone();
      }
      // Server errors land on their fields (a duplicate email's 409 on the email input);
      // anything without a field goes to the banner.
      const { placed } = placeServerErrors(form.setError, result.fields, FORM_FIELDS);
      if (!placed) setFormError(result.error);
    });
  });

  const describedBy = (field: string) => `${id}-${field}-error`;
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4" aria-busy={pending || undefined}>
      <FormError message={formError} testId="create-user-error" />
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-email`}>Email</Label>
        <Input
          id={`${id}-email`}
          type="email"
          autoComplete="off"
          invalid={Boolean(errors.email)}
          aria-describedby={describedBy("email")}
          {...form.register("email")}
        />
        <FieldError id={describedBy("email")} errors={errors.email?.message} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-name`}>Name</Label>
        <Input
          id={`${id}-name`}
          autoComplete="off"
          maxLength={100}
          placeholder="Optional"
          invalid={Boolean(errors.name)}
          aria-describedby={describedBy("name")}
          {...form.register("name")}
        />
        <FieldError id={describedBy("name")} errors={errors.name?.message} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-password`}>Password</Label>
        <Input
          id={`${id}-password`}
          type="password"
          // Not the admin's own password: keeps browsers from offering to fill or save theirs.
          autoComplete="new-password"
          invalid={Boolean(errors.password)}
          aria-describedby={`${id}-password-hint ${describedBy("password")}`}
          {...form.register("password")}
        />
        <p id={`${id}-password-hint`} className="text-xs text-muted-foreground">
          At least {PASSWORD_MIN_LENGTH} characters.
        </p>
        <FieldError id={describedBy("password")} errors={errors.password?.message} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-role`}>Role</Label>
        <Select
          id={`${id}-role`}
          invalid={Boolean(errors.role)}
          aria-describedby={describedBy("role")}
          {...form.register("role")}
        >
          <option value="USER">User</option>
          <option value="ADMIN">Admin</option>
        </Select>
        <FieldError id={describedBy("role")} errors={errors.role?.message} />
      </div>
      <DialogFooter>
        <Button variant="secondary" disabled={pending} onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={pending}>
          Create user
        </Button>
      </DialogFooter>
    </form>
  );
}
