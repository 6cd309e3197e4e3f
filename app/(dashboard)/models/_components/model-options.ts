// Pure helpers shared by the server page and its client forms: labels, and which models each
// default-model select offers. No I/O, so the page computes options once and passes plain data.
import {
  DEFAULT_FIELDS,
  DEFAULT_FIELD_NAMES,
  formatModelId,
  type DefaultField,
  type ModelType,
} from "@/lib/models/model-types";
import type { DefaultsDto } from "@/lib/models/defaults";
import type { ModelsByFactory } from "@/lib/models/service";

export const TYPE_LABELS: Record<ModelType, string> = {
  chat: "Chat",
  embedding: "Embedding",
  rerank: "Rerank",
  asr: "Speech-to-text",
  image2text: "Image-to-text",
  tts: "Text-to-speech",
};

/** In the order the form shows them; the labels are the selects' accessible names. */
export const DEFAULT_FIELD_LABELS: Record<DefaultField, string> = {
  llm_id: "Chat model",
  embd_id: "Embedding",
  img2txt_id: "Image-to-text",
  asr_id: "Speech-to-text",
  rerank_id: "Rerank",
  tts_id: "Text-to-speech",
};
export const DEFAULT_FIELD_ORDER = Object.keys(DEFAULT_FIELD_LABELS) as DefaultField[];

export type ModelOption = { id: string; name: string };
export type OptionGroup = { factory: string; options: ModelOption[] };
export type DefaultOptions = Record<DefaultField, OptionGroup[]>;

/**
 * For each default field, the models of its type grouped by factory: Builtin and the caller's
 * configured providers (GET /models already lists exactly those). A saved default that is no
 * longer offered still gets an option, so the select shows the truth instead of "None".
 */
export function defaultOptions(models: ModelsByFactory, defaults: DefaultsDto): DefaultOptions {
  const result = {} as DefaultOptions;
  for (const field of DEFAULT_FIELD_NAMES) {
    const type = DEFAULT_FIELDS[field];
    const groups: OptionGroup[] = Object.entries(models)
      .map(([factory, { llm }]) => ({
        factory,
        options: llm
          .filter((model) => model.type === type)
          .map((model) => ({ id: formatModelId(model.name, factory), name: model.name })),
      }))
      .filter((group) => group.options.length > 0);
    const saved = defaults[field];
    if (saved && !groups.some((group) => group.options.some((option) => option.id === saved))) {
      groups.push({ factory: "Unavailable", options: [{ id: saved, name: `${saved} (no longer available)` }] });
    }
    result[field] = groups;
  }
  return result;
}

/** The select values: "" is the "None" option, which the schema turns into null (clear). */
export function defaultFormValues(defaults: DefaultsDto): Record<DefaultField, string> {
  const values = {} as Record<DefaultField, string>;
  for (const field of DEFAULT_FIELD_NAMES) values[field] = defaults[field] ?? "";
  return values;
}
