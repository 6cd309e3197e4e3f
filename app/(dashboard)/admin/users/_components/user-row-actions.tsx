"use client";

import { createContext, use, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { toastAction } from "@/components/forms/call-action";
import { RowActionsMenu, type RowAction } from "@/components/ui/dropdown-menu";
import type { UserDto } from "@/lib/users/dto";
import { deleteUserAction, updateUserAction } from "@/lib/users/actions";
import type { UpdateUserInput } from "@/lib/users/schemas";

/**
 * The signed-in admin's id. Columns are module-scope definitions (TanStack v9 caches on
 * them), so the row actions learn who "you" are from context rather than props.
 */
export const CurrentUserIdContext = createContext<string | null>(null);

type OpenDialog = "role" | "disable" | "delete" | null;

/** Role change, disable / enable and delete for one user; each result is toasted. */
export function UserRowActions({ user }: { user: UserDto }) {
  const currentUserId = use(CurrentUserIdContext);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const isSelf = user.id === currentUserId;
  const promote = user.role !== "ADMIN";

  const update = (changes: UpdateUserInput, success: string, failure: string) =>
    toastAction(() => updateUserAction(user.id, changes), { success, failure, description: user.email });
  const remove = () =>
    toastAction(() => deleteUserAction(user.id), {
      success: "User deleted",
      failure: "Could not delete the user",
      description: user.email,
    });
  // Enabling takes nothing away, so it runs without a confirmation; the toast reports the result.
  const enable = () => void update({ disabled: false }, "User enabled", "Could not enable the user");

  const actions: RowAction[] = [
    { label: promote ? "Make admin" : "Make user", onSelect: () => setDialog("role") },
    user.disabled
      ? { label: "Enable", onSelect: enable }
      : { label: "Disable", destructive: true, onSelect: () => setDialog("disable") },
    // The service refuses self-deletion (409); the menu does not offer what cannot succeed.
    ...(isSelf ? [] : [{ label: "Delete", destructive: true, separated: true, onSelect: () => setDialog("delete") }]),
  ];

  const closeIf = (name: OpenDialog) => (open: boolean) => setDialog(open ? name : null);
  const keys = `${user.key_count} API key${user.key_count === 1 ? "" : "s"}`;
  const roleDescription = promote
    ? "They will be able to manage users, every user's API keys and the audit log."
    : `They lose access to the admin pages at once, and their admin-scoped keys lose admin power.${isSelf ? " This includes you: you will lose access to this page." : ""}`;

  return (
    <>
      <RowActionsMenu label={`Actions for ${user.email}`} actions={actions} />
      <ConfirmDialog
        open={dialog === "role"}
        onOpenChange={closeIf("role")}
        title={promote ? `Make ${user.email} an admin?` : `Make ${user.email} a regular user?`}
        description={roleDescription}
        confirmLabel={promote ? "Make admin" : "Make user"}
        destructive={!promote}
        onConfirm={() =>
          update(
            { role: promote ? "ADMIN" : "USER" },
            promote ? "User is now an admin" : "User is now a regular user",
            "Could not change the role",
          )
        }
        data-testid="role-user-confirm"
      />
      <ConfirmDialog
        open={dialog === "disable"}
        onOpenChange={closeIf("disable")}
        title={`Disable ${user.email}?`}
        description={`They are signed out and cannot sign in, and their ${keys} stop verifying until you enable them again.`}
        confirmLabel="Disable user"
        destructive
        onConfirm={() => update({ disabled: true }, "User disabled", "Could not disable the user")}
        data-testid="disable-user-confirm"
      />
      <ConfirmDialog
        open={dialog === "delete"}
        onOpenChange={closeIf("delete")}
        title={`Delete ${user.email}?`}
        description={`This deletes the user with their ${keys}, model providers and default models. This cannot be undone.`}
        confirmLabel="Delete user"
        destructive
        onConfirm={remove}
        data-testid="delete-user-confirm"
      />
    </>
  );
}
