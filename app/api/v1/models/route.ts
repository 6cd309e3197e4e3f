import { withApi } from "@/lib/api/with-api";
import { addProvider, removeProvider } from "@/lib/models/providers";
import { addProviderSchema, listModelsQuerySchema, removeProviderSchema } from "@/lib/models/schemas";
import { listModels } from "@/lib/models/service";

export const GET = withApi(({ caller, query }) => listModels(caller, query), {
  scope: "models:read",
  query: listModelsQuerySchema,
});

export const POST = withApi(({ caller, body }) => addProvider(caller, body), {
  scope: "models:write",
  body: addProviderSchema,
});

// SPEC §4 names the factory in a JSON body, not the path, so DELETE reads one.
export const DELETE = withApi(({ caller, body }) => removeProvider(caller, body), {
  scope: "models:write",
  body: removeProviderSchema,
});
