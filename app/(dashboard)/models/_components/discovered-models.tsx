"use client";

import { useWatch, type Control } from "react-hook-form";
import { FormField } from "@/components/forms/form-field";
import { Checkbox } from "@/components/ui/checkbox";
import { Select } from "@/components/ui/select";
import { MODEL_TYPES } from "@/lib/models/model-types";
import { TYPE_LABELS } from "./model-options";
import type { DiscoveredChoice, ProviderFormValues } from "./provider-payload";

const TYPE_OPTIONS = MODEL_TYPES.map((type) => ({ value: type, label: TYPE_LABELS[type] }));

type DiscoveredModelsProps = {
  control: Control<ProviderFormValues, unknown, unknown>;
  disabled: boolean;
};

/** What the server said it serves (the form's `models` field): the user picks the models to save and sets each one's type. */
export function DiscoveredModels({ control, disabled }: DiscoveredModelsProps) {
  const models = useWatch({ control, name: "models" }) ?? [];
  const selected = models.filter((model) => model.selected).length;
  const label =
    models.length === 0 ? (
      "Models on the server"
    ) : (
      <>
        Models on the server{" "}
        <span className="font-normal text-muted-foreground">
          ({selected} of {models.length} chosen)
        </span>
      </>
    );
  return (
    <FormField control={control} name="models" label={label} as="group">
      {({ value, onChange }) => {
        const choices: DiscoveredChoice[] = value ?? [];
        const update = (index: number, change: Partial<DiscoveredChoice>) =>
          onChange(choices.map((model, at) => (at === index ? { ...model, ...change } : model)));
        if (choices.length === 0) {
          return (
            <p className="text-sm text-muted-foreground">The server lists no models: add them by name after saving.</p>
          );
        }
        return (
          <ul className="grid max-h-80 gap-1 overflow-y-auto rounded-md border p-2" data-testid="discovered-models">
            {choices.map((model, index) => (
              <li
                key={model.name}
                className="grid grid-cols-[minmax(0,1fr)_9.5rem] items-center gap-2"
                data-testid="discovered-model"
                data-model={model.name}
              >
                <Checkbox
                  className="min-w-0"
                  label={<span className="break-all font-mono text-xs">{model.name}</span>}
                  checked={model.selected}
                  disabled={disabled}
                  onChange={(event) => update(index, { selected: event.target.checked })}
                />
                <Select
                  aria-label={`Type of ${model.name}`}
                  value={model.type}
                  options={TYPE_OPTIONS}
                  disabled={disabled || !model.selected}
                  onChange={(next) => update(index, { type: MODEL_TYPES.find((type) => type === next) ?? model.type })}
                />
              </li>
            ))}
          </ul>
        );
      }}
    </FormField>
  );
}
