"use client";

import { createContext, use, useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { RowActionsMenu, type RowAction } from "@/components/ui/row-actions-menu";
import { useToast } from "@/components/toast";
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
  const { toast } = useToast();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [, startTransition] = useTransition();
  const isSelf = user.id === currentUserId;
  const promote = user.role !== "ADMIN";

  async function update(changes: UpdateUserInput, done: string, failed: string): Promise<boolean> {
    const result = await updateUserAction(user.id, changes);
    if (!result.ok) {
      // The server's own message, e.g. "The last administrator cannot be demoted".
      toast({ title: failed, description: result.error, variant: "error" });
      return false;
    }
    toast({ title: done, description: user.email, variant: "success" });
    return true;
  }

  async function remove(): Promise<boolean> {
    const result = await deleteUserAction(user.id);
    if (!result.ok) {
      toast({ title: "Could not delete the user", description: result.error, variant: "error" });
      return false;
    }
    toast({ title: "User deleted", description: user.email, variant: "success" });
    return true;
  }

  // Enabling takes nothing away, so it runs without a confirmation; the toast reports the result.
  function enable() {
    startTransition(async () => {
      await update({ disabled: false }, "User enabled", "Could not enable the user");
    });
  }

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
