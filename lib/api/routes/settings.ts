import { defineRoute } from "@/lib/api/route";
import { updateSettingsSchema } from "@/lib/settings/schemas";
import { getSettings, updateSettings } from "@/lib/settings/service";

// The key policies (SPEC §2 Settings), for admins; the service checks the caller again.
export const settingsRoutes = [
  defineRoute({
    method: "GET",
    path: "/admin/settings",
    summary: "Read the key policies",
    admin: true,
    handler: ({ caller }) => getSettings(caller),
  }),
  defineRoute({
    method: "PATCH",
    path: "/admin/settings",
    summary: "Change the key policies (a default above the maximum is a 400 naming both)",
    admin: true,
    body: updateSettingsSchema,
    handler: ({ caller, body }) => updateSettings(caller, body),
  }),
];
