import { defineRoute } from "@/lib/api/route";
import { getDefaults, setDefaults } from "@/lib/models/defaults";
import { addProvider, listProviders, removeProvider } from "@/lib/models/providers";
import {
  addProviderSchema,
  listModelsQuerySchema,
  removeProviderSchema,
  setDefaultsSchema,
} from "@/lib/models/schemas";
import { listFactories, listModels } from "@/lib/models/service";

export const modelRoutes = [
  defineRoute({
    method: "GET",
    path: "/models",
    summary: "Models by factory, Builtin included",
    scope: "models:read",
    query: listModelsQuerySchema,
    handler: ({ caller, query }) => listModels(caller, query),
  }),
  defineRoute({
    method: "POST",
    path: "/models",
    summary: "Add or update a model provider",
    scope: "models:write",
    body: addProviderSchema,
    handler: ({ caller, body }) => addProvider(caller, body),
  }),
  // SPEC §4 names the factory in a JSON body, not the path, so DELETE reads one.
  defineRoute({
    method: "DELETE",
    path: "/models",
    summary: "Remove a model provider and clear defaults that used it",
    scope: "models:write",
    body: removeProviderSchema,
    handler: ({ caller, body }) => removeProvider(caller, body),
  }),
  // Not in SPEC §4: the /models page and LIST MODEL PROVIDERS need masked keys, URLs and status,
  // which GET /models (models by factory) does not carry.
  defineRoute({
    method: "GET",
    path: "/models/providers",
    summary: "Your configured providers, keys masked",
    scope: "models:read",
    handler: ({ caller }) => listProviders(caller),
  }),
  defineRoute({
    method: "GET",
    path: "/models/factories",
    summary: "The model catalog",
    scope: "models:read",
    handler: ({ caller }) => listFactories(caller),
  }),
  defineRoute({
    method: "GET",
    path: "/models/default",
    summary: "Your default models",
    scope: "models:read",
    handler: ({ caller }) => getDefaults(caller),
  }),
  defineRoute({
    method: "POST",
    path: "/models/default",
    summary: "Set default models (all or nothing)",
    scope: "models:write",
    body: setDefaultsSchema,
    handler: ({ caller, body }) => setDefaults(caller, body),
  }),
];
