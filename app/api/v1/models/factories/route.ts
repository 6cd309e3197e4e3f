import { withApi } from "@/lib/api/with-api";
import { listFactories } from "@/lib/models/service";

export const GET = withApi(async ({ caller }) => listFactories(caller), { scope: "models:read" });
