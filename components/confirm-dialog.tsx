"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";

type ConfirmDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  /** Also the confirm button's accessible name, e.g. "Revoke key". */
  confirmLabel: string;
  cancelLabel?: string;
  destructive?: boolean;
  /**
   * Runs while the button shows a spinner. Resolve `false` to keep the dialog open
   * (e.g. after toasting a server error); anything else closes it.
   */
  onConfirm: () => void | boolean | Promise<void | boolean>;
  /** Extra content between the description and the buttons, e.g. a grace-period input. */
  children?: ReactNode;
  "data-testid"?: string;
};

export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  cancelLabel = "Cancel",
  destructive = false,
  onConfirm,
  children,
  "data-testid": testId,
}: ConfirmDialogProps) {
  const [pending, setPending] = useState(false);

  async function confirm() {
    setPending(true);
    try {
      const result = await onConfirm();
      if (result !== false) onOpenChange(false);
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      // Closing mid-request would hide whether the action happened.
      busy={pending}
      title={title}
      description={description}
      size="sm"
      data-testid={testId}
    >
      {children}
      <DialogFooter>
        {/* Cancel comes first in the DOM, so it, not the destructive action, gets the initial focus. */}
        <Button variant="secondary" disabled={pending} onClick={() => onOpenChange(false)}>
          {cancelLabel}
        </Button>
        <Button variant={destructive ? "danger" : "primary"} pending={pending} onClick={confirm}>
          {confirmLabel}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
