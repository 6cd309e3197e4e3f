import { withPublicApi } from "@/lib/api/with-api";
import { verifyKeySchema } from "@/lib/keys/schemas";
import { verifyKey, verifyResponseBody } from "@/lib/keys/verify";

// server.ts answers this path itself on the fast path; this handler serves `next dev` and any
// deployment that runs Next without that server, with the same verification code.
export const POST = withPublicApi(async ({ key }) => verifyResponseBody(await verifyKey(key)), verifyKeySchema);
