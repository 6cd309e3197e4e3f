"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { Select } from "@/components/ui/select";
import { MODEL_TYPES, type ModelType } from "@/lib/models/model-types";
import { TYPE_LABELS } from "./model-options";

export type DiscoveredChoice = { name: string; type: ModelType; maxTokens: number; selected: boolean };

type DiscoveredModelsProps = {
  models: DiscoveredChoice[];
  disabled: boolean;
  onChange: (models: DiscoveredChoice[]) => void;
};

/** What the server said it serves: the user picks the models to save and sets each one's type. */
export function DiscoveredModels({ models, disabled, onChange }: DiscoveredModelsProps) {
  const update = (index: number, change: Partial<DiscoveredChoice>) =>
    onChange(models.map((model, at) => (at === index ? { ...model, ...change } : model)));
  const selected = models.filter((model) => model.selected).length;

  if (models.length === 0) {
    return <p className="text-sm text-muted-foreground">The server lists no models: add them by name after saving.</p>;
  }
  return (
    <fieldset className="grid min-w-0 gap-2" data-testid="discovered-models">
      <legend className="mb-1 text-sm font-medium">
        Models on the server{" "}
        <span className="font-normal text-muted-foreground">
          ({selected} of {models.length} chosen)
        </span>
      </legend>
      <ul className="grid max-h-80 gap-1 overflow-y-auto rounded-md border p-2">
        {models.map((model, index) => (
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
              disabled={disabled || !model.selected}
              onChange={(event) => update(index, { type: event.target.value as ModelType })}
            >
              {MODEL_TYPES.map((type) => (
                <option key={type} value={type}>
                  {TYPE_LABELS[type]}
                </option>
              ))}
            </Select>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
