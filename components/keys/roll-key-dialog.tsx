"use client";

import { useId, useState, useTransition } from "react";
import { useToast } from "@/components/toast";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { rollKeyAction } from "@/lib/keys/actions";
import type { KeyDto } from "@/lib/keys/dto";
import { useKeysContext } from "./keys-context";
import { safeAction } from "./safe-action";

const GRACE_CHOICES = [
  { hours: 0, label: "Immediately", period: "" },
  { hours: 1, label: "After 1 hour", period: "1 hour" },
  { hours: 24, label: "After 24 hours", period: "24 hours" },
  { hours: 72, label: "After 3 days", period: "3 days" },
  { hours: 168, label: "After 7 days", period: "7 days" },
] as const;
const DEFAULT_GRACE_HOURS = 24;

type RollKeyDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  apiKey: Pick<KeyDto, "id" | "name">;
};

/** Roll: a new secret for the same settings; the old one keeps working for the chosen grace period. */
export function RollKeyDialog({ open, onOpenChange, apiKey }: RollKeyDialogProps) {
  const { ownerId, reveal } = useKeysContext();
  const { toast } = useToast();
  const graceId = useId();
  const [graceHours, setGraceHours] = useState<number>(DEFAULT_GRACE_HOURS);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function close(next: boolean) {
    if (!pending) onOpenChange(next);
  }

  function roll() {
    setError(null);
    startTransition(async () => {
      const result = await safeAction(rollKeyAction(ownerId, apiKey.id, { grace_period_hours: graceHours }));
      if (!result.ok) {
        setError(result.fields?.grace_period_hours?.join(" ") ?? result.error);
        return;
      }
      onOpenChange(false);
      const period = GRACE_CHOICES.find((choice) => choice.hours === graceHours)?.period;
      const oldKeyEnds = period
        ? `The previous secret keeps working for ${period}.`
        : "The previous secret has stopped working.";
      // The new secret goes straight to the reveal; this component keeps no copy of it.
      reveal({
        secret: result.data.key,
        title: "Key rolled",
        description: `New secret for “${result.data.name}”. ${oldKeyEnds}`,
      });
      toast({ title: "Key rolled", variant: "success" });
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      busy={pending}
      title={`Roll “${apiKey.name}”?`}
      description="A new secret is issued and shown once. Choose when the current secret stops working, so you have time to replace it."
      size="sm"
      data-testid="roll-key-dialog"
    >
      <FormError message={error} testId="roll-key-error" />
      <div className="grid gap-1.5">
        <Label htmlFor={graceId}>Old secret stops working</Label>
        <Select
          id={graceId}
          value={String(graceHours)}
          onChange={(event) => setGraceHours(Number(event.target.value))}
          disabled={pending}
        >
          {GRACE_CHOICES.map((choice) => (
            <option key={choice.hours} value={choice.hours}>
              {choice.label}
              {choice.hours === DEFAULT_GRACE_HOURS ? " (default)" : ""}
            </option>
          ))}
        </Select>
      </div>
      <DialogFooter>
        <Button variant="secondary" disabled={pending} onClick={() => close(false)}>
          Cancel
        </Button>
        <Button pending={pending} onClick={roll}>
          Roll key
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
