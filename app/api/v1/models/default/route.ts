import { withApi } from "@/lib/api/with-api";
import { getDefaults, setDefaults } from "@/lib/models/defaults";
import { setDefaultsSchema } from "@/lib/models/schemas";

export const GET = withApi(({ caller }) => getDefaults(caller), { scope: "models:read" });

export const POST = withApi(({ caller, body }) => setDefaults(caller, body), {
  scope: "models:write",
  body: setDefaultsSchema,
});
