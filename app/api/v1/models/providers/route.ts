import { withApi } from "@/lib/api/with-api";
import { listProviders } from "@/lib/models/providers";

// Not in SPEC §4: the /models page and LIST MODEL PROVIDERS need masked keys, URLs and status,
// which GET /models (models by factory) does not carry.
export const GET = withApi(({ caller }) => listProviders(caller), { scope: "models:read" });
