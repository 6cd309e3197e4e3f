"use client";

import { toast } from "sonner";
import { FormDialog } from "@/components/forms/form-dialog";
import { FormField } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Select } from "@/components/ui/select";
import { rollKeyAction } from "@/lib/keys/actions";
import type { KeyDto } from "@/lib/keys/dto";
import { rollKeySchema } from "@/lib/keys/schemas";
import { useKeysContext } from "./keys-context";

const GRACE_CHOICES = [
  { hours: 0, label: "Immediately", period: "" },
  { hours: 1, label: "After 1 hour", period: "1 hour" },
  { hours: 24, label: "After 24 hours", period: "24 hours" },
  { hours: 72, label: "After 3 days", period: "3 days" },
  { hours: 168, label: "After 7 days", period: "7 days" },
] as const;
const DEFAULT_GRACE_HOURS = 24;
const GRACE_OPTIONS = GRACE_CHOICES.map((choice) => ({
  value: String(choice.hours),
  label: `${choice.label}${choice.hours === DEFAULT_GRACE_HOURS ? " (default)" : ""}`,
}));

type RollKeyDialogProps = {
  onOpenChange: (open: boolean) => void;
  apiKey: Pick<KeyDto, "id" | "name">;
};

/** Roll: a new secret for the same settings; the old one keeps working for the chosen grace period. */
export function RollKeyDialog({ onOpenChange, apiKey }: RollKeyDialogProps) {
  const { ownerId, reveal } = useKeysContext();
  const actionForm = useActionForm({
    schema: rollKeySchema,
    defaultValues: { grace_period_hours: DEFAULT_GRACE_HOURS },
    action: (values) => rollKeyAction(ownerId, apiKey.id, values),
    onSuccess: (rolled, values) => {
      onOpenChange(false);
      const period = GRACE_CHOICES.find((choice) => choice.hours === values.grace_period_hours)?.period;
      const oldKeyEnds = period
        ? `The previous secret keeps working for ${period}.`
        : "The previous secret has stopped working.";
      // The new secret goes straight to the reveal; this component keeps no copy of it.
      reveal({
        secret: rolled.key,
        title: "Key rolled",
        description: `New secret for “${rolled.name}”. ${oldKeyEnds}`,
      });
      toast.success("Key rolled");
    },
  });
  return (
    <FormDialog
      actionForm={actionForm}
      onOpenChange={onOpenChange}
      name="roll-key"
      title={`Roll “${apiKey.name}”?`}
      description="A new secret is issued and shown once. Choose when the current secret stops working, so you have time to replace it."
      submitLabel="Roll key"
      size="sm"
    >
      <FormField control={actionForm.form.control} name="grace_period_hours" label="Old secret stops working">
        {({ value, onChange, ...field }) => (
          <Select
            {...field}
            value={String(value ?? DEFAULT_GRACE_HOURS)}
            onChange={(next) => onChange(Number(next))}
            options={GRACE_OPTIONS}
          />
        )}
      </FormField>
    </FormDialog>
  );
}
