"use client";

import { useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { toastAction } from "@/components/forms/call-action";
import { FormField } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { addModelAction, removeModelAction } from "@/lib/models/actions";
import { MODEL_TYPES, type ModelType } from "@/lib/models/model-types";
import { modelSpecSchema } from "@/lib/models/schemas";
import { TYPE_LABELS } from "./model-options";

const TYPE_OPTIONS = MODEL_TYPES.map((type) => ({ value: type, label: TYPE_LABELS[type] }));

/** Removes one model of one type; defaults that used it are cleared by the service. */
export function RemoveModelButton({ factory, name, type }: { factory: string; name: string; type: ModelType }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        aria-label={`Remove ${name} (${TYPE_LABELS[type]})`}
        onClick={() => setOpen(true)}
      >
        Remove
      </Button>
      {open && (
        <ConfirmDialog
          open
          onOpenChange={setOpen}
          title={`Remove ${name}?`}
          description={`The ${TYPE_LABELS[type].toLowerCase()} model ${name} of ${factory} will no longer be available; a default model that uses it is cleared.`}
          confirmLabel="Remove model"
          destructive
          onConfirm={() =>
            toastAction(() => removeModelAction({ factory, name, type }), {
              success: "Model removed",
              failure: `Could not remove ${name}`,
              description: `${name} (${TYPE_LABELS[type]})`,
            })
          }
        />
      )}
    </>
  );
}

// The number input holds text; "" means 0 (no known limit), as the API's default does.
const addModelFormSchema = modelSpecSchema.extend({
  max_tokens: z
    .string()
    .trim()
    .transform((value) => (value === "" ? 0 : Number(value)))
    .pipe(modelSpecSchema.shape.max_tokens.unwrap()),
});

const EMPTY = { name: "", type: "chat", max_tokens: "" } as const satisfies z.input<typeof addModelFormSchema>;

/** Adds one model a provider serves that the catalog does not list, with its type and token limit. */
export function AddModelForm({ factory }: { factory: string }) {
  const { form, onSubmit, pending, formError } = useActionForm({
    // The fields of modelSpecSchema, which the action and POST /models/{factory}/models parse again.
    schema: addModelFormSchema,
    defaultValues: { ...EMPTY },
    action: (spec) => addModelAction({ factory, ...spec }),
    onSuccess: (added, _values, addedForm) => {
      toast.success("Model added", { description: `${added.name} (${TYPE_LABELS[added.type]})` });
      addedForm.reset({ ...EMPTY });
    },
  });

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_10rem_8rem_auto] sm:items-start"
      aria-label={`Add a ${factory} model`}
      aria-busy={pending || undefined}
      data-testid="add-model-form"
      data-factory={factory}
    >
      {formError && (
        <div className="sm:col-span-4">
          <FormError message={formError} testId="add-model-error" />
        </div>
      )}
      <FormField control={form.control} name="name" label="Model name">
        {(field) => <Input {...field} autoComplete="off" spellCheck={false} readOnly={pending} />}
      </FormField>
      <FormField control={form.control} name="type" label="Type">
        {(field) => <Select {...field} options={TYPE_OPTIONS} disabled={pending} />}
      </FormField>
      <FormField control={form.control} name="max_tokens" label="Max tokens">
        {(field) => <Input {...field} type="number" inputMode="numeric" min={0} placeholder="0" readOnly={pending} />}
      </FormField>
      {/* The labels' height, so the button lines up with the inputs. */}
      <Button type="submit" variant="secondary" pending={pending} className="sm:mt-6">
        Add model
      </Button>
    </form>
  );
}
