"use client";

import { useId, useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { useToast } from "@/components/toast";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { addModelAction, removeModelAction } from "@/lib/models/actions";
import { MODEL_TYPES, type ModelType } from "@/lib/models/model-types";
import { modelSpecSchema } from "@/lib/models/schemas";
import { TYPE_LABELS } from "./model-options";

/** Removes one model of one type; defaults that used it are cleared by the service. */
export function RemoveModelButton({ factory, name, type }: { factory: string; name: string; type: ModelType }) {
  const { toast } = useToast();
  const [open, setOpen] = useState(false);
  async function remove(): Promise<boolean> {
    const result = await removeModelAction({ factory, name, type });
    if (!result.ok) {
      toast({ title: `Could not remove ${name}`, description: result.error, variant: "error" });
      return false;
    }
    toast({ title: "Model removed", description: `${name} (${TYPE_LABELS[type]})`, variant: "success" });
    return true;
  }
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
          onConfirm={remove}
        />
      )}
    </>
  );
}

type Errors = Partial<Record<"name" | "type" | "max_tokens", string>>;

/** Adds one model a provider serves that the catalog does not list, with its type and token limit. */
export function AddModelForm({ factory }: { factory: string }) {
  const id = useId();
  const { toast } = useToast();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Errors>({});

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const data = new FormData(formElement);
    const input = {
      name: String(data.get("name") ?? ""),
      type: String(data.get("type") ?? ""),
      max_tokens: Number(data.get("max_tokens") || 0),
    };
    // The schema the action and POST /models/{factory}/models parse again.
    const parsed = modelSpecSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      return;
    }
    setErrors({});
    startTransition(async () => {
      const result = await addModelAction({ factory, ...parsed.data }).catch(() => null);
      if (!result || !result.ok) {
        const fields = result && !result.ok ? result.fields : undefined;
        setErrors(
          Object.fromEntries(Object.entries(fields ?? {}).map(([name, messages]) => [name, messages.join(" ")])),
        );
        toast({
          title: "Could not add the model",
          description: result && !result.ok ? result.error : "The connection failed.",
          variant: "error",
        });
        return;
      }
      toast({
        title: "Model added",
        description: `${result.data.name} (${TYPE_LABELS[result.data.type]})`,
        variant: "success",
      });
      formElement.reset();
    });
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_10rem_8rem_auto] sm:items-end"
      aria-label={`Add a ${factory} model`}
      data-testid="add-model-form"
      data-factory={factory}
    >
      <div className="grid min-w-0 gap-1">
        <Label htmlFor={`${id}-name`}>Model name</Label>
        <Input
          id={`${id}-name`}
          name="name"
          autoComplete="off"
          spellCheck={false}
          readOnly={pending}
          invalid={Boolean(errors.name)}
          aria-describedby={`${id}-name-error`}
        />
        <FieldError id={`${id}-name-error`} errors={errors.name} />
      </div>
      <div className="grid gap-1">
        <Label htmlFor={`${id}-type`}>Type</Label>
        <Select id={`${id}-type`} name="type" defaultValue="chat" disabled={pending} invalid={Boolean(errors.type)}>
          {MODEL_TYPES.map((type) => (
            <option key={type} value={type}>
              {TYPE_LABELS[type]}
            </option>
          ))}
        </Select>
        <FieldError id={`${id}-type-error`} errors={errors.type} />
      </div>
      <div className="grid gap-1">
        <Label htmlFor={`${id}-max`}>Max tokens</Label>
        <Input
          id={`${id}-max`}
          name="max_tokens"
          type="number"
          inputMode="numeric"
          min={0}
          placeholder="0"
          readOnly={pending}
          invalid={Boolean(errors.max_tokens)}
        />
        <FieldError id={`${id}-max-error`} errors={errors.max_tokens} />
      </div>
      <Button type="submit" variant="secondary" pending={pending}>
        Add model
      </Button>
    </form>
  );
}
