import { withApi } from "@/lib/api/with-api";
import { getMe } from "@/lib/users/me";

export const GET = withApi(({ caller }) => getMe(caller));
