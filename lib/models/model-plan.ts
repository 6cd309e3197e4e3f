import type { Factory } from "./catalog";
import type { DiscoveredModel } from "./checks/check-types";
import type { ModelType } from "./model-types";
import type { ModelSpec } from "./schemas";

// Which models a provider is saved with (SPEC §4 POST /models): the requested ones, else for a
// self-hosted server what it reported, else the catalog's. Pure, so the page and tests share it.

export type PlannedModel = { name: string; type: ModelType; maxTokens: number };

/**
 * A requested name takes every catalog type of it, else the types its server reported, else chat
 * (e.g. a fine-tune). A `{name, type, max_tokens}` is taken as given.
 */
function fromRequest(
  factory: Factory,
  item: string | ModelSpec,
  discovered: readonly DiscoveredModel[],
): PlannedModel[] {
  if (typeof item !== "string") return [{ name: item.name, type: item.type, maxTokens: item.max_tokens }];
  const known = factory.models.filter((model) => model.name === item);
  if (known.length > 0) return known.map((model) => ({ ...model }));
  const reported = discovered.find((model) => model.name === item);
  if (reported && reported.types.length > 0)
    return reported.types.map((type) => ({ name: item, type, maxTokens: reported.maxTokens }));
  return [{ name: item, type: "chat", maxTokens: reported?.maxTokens ?? 0 }];
}

/** What the server said; a model whose kind it did not say is taken as chat, as the API has always done. */
function fromDiscovery(discovered: readonly DiscoveredModel[]): PlannedModel[] {
  return discovered.flatMap((model) =>
    (model.types.length > 0 ? model.types : (["chat"] as const)).map((type) => ({
      name: model.name,
      type,
      maxTokens: model.maxTokens,
    })),
  );
}

function unique(models: PlannedModel[]): PlannedModel[] {
  const seen = new Set<string>();
  return models.filter((model) => {
    const key = `${model.type}:${model.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function plannedModels(
  factory: Factory,
  requested: readonly (string | ModelSpec)[] | undefined,
  discovered: readonly DiscoveredModel[] | null,
): PlannedModel[] {
  if (requested && requested.length > 0)
    return unique(requested.flatMap((item) => fromRequest(factory, item, discovered ?? [])));
  if (factory.selfHosted && discovered && discovered.length > 0) return unique(fromDiscovery(discovered));
  if (factory.models.length > 0) return factory.models.map((model) => ({ ...model }));
  return unique(fromDiscovery(discovered ?? []));
}

/** The page's first guess for a model its server did not type; the user confirms or changes it. */
export function suggestedType(name: string): ModelType {
  const lower = name.toLowerCase();
  if (/rerank/.test(lower)) return "rerank";
  if (/embed|bge-|e5-|gte-|minilm/.test(lower)) return "embedding";
  if (/whisper|asr|transcri|speech2text/.test(lower)) return "asr";
  if (/tts|speech|voice/.test(lower)) return "tts";
  if (/vision|-vl|llava|pixtral/.test(lower)) return "image2text";
  return "chat";
}
