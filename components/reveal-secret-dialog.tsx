"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";

type RevealSecretDialogProps = {
  /** The plaintext from the create/roll response; `null` hides the dialog. Keep it in component state only. */
  secret: string | null;
  title: string;
  /** Optional context above the secret, e.g. the key's name. */
  description?: ReactNode;
  /** Called only after the user confirmed they saved the key; the parent should drop the secret then. */
  onClose: () => void;
};

type CopyState = "idle" | "copied" | "manual";

/**
 * The show-once reveal. The secret is never put in a URL, storage or the console: it
 * exists only in the parent's state and in this dialog's DOM, which unmounts on close.
 */
export function RevealSecretDialog({ secret, title, description, onClose }: RevealSecretDialogProps) {
  const [confirming, setConfirming] = useState(false);
  const [copyState, setCopyState] = useState<CopyState>("idle");
  const [shownSecret, setShownSecret] = useState(secret);
  const inputRef = useRef<HTMLInputElement>(null);
  const resetTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const fieldId = useId();
  const warningId = useId();

  // A new secret (e.g. a roll right after a create) starts from a clean state.
  if (secret !== shownSecret) {
    setShownSecret(secret);
    setConfirming(false);
    setCopyState("idle");
  }

  useEffect(() => () => clearTimeout(resetTimer.current), []);

  async function copy() {
    if (secret === null) return;
    clearTimeout(resetTimer.current);
    try {
      // navigator.clipboard is missing on plain-http origins other than localhost.
      await navigator.clipboard.writeText(secret);
      setCopyState("copied");
    } catch {
      const input = inputRef.current;
      input?.focus();
      input?.select();
      // Deprecated, but the only programmatic copy left where the Clipboard API is unavailable.
      setCopyState(document.execCommand("copy") ? "copied" : "manual");
    }
    resetTimer.current = setTimeout(() => setCopyState("idle"), 3000);
  }

  return (
    <Dialog
      open={secret !== null}
      onOpenChange={(open) => {
        if (!open) setConfirming(true);
      }}
      // Esc must not discard the only copy of the secret without a second thought.
      onEscapeKeyDown={(request) => {
        request.preventDefault();
        setConfirming(true);
      }}
      title={title}
      description={description}
      size="lg"
      data-testid="reveal-secret-dialog"
    >
      <div className="grid gap-2">
        <Label htmlFor={fieldId}>Secret key</Label>
        <div className="flex gap-2">
          <input
            ref={inputRef}
            id={fieldId}
            readOnly
            value={secret ?? ""}
            data-testid="revealed-secret"
            aria-describedby={warningId}
            autoComplete="off"
            spellCheck={false}
            onFocus={(event) => event.currentTarget.select()}
            className="h-9 min-w-0 flex-1 rounded-md border border-input bg-muted px-3 font-mono text-sm text-foreground focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring"
          />
          <Button variant="secondary" onClick={copy} aria-label={copyState === "copied" ? "Copied" : "Copy key"}>
            {copyState === "copied" ? "Copied" : "Copy"}
          </Button>
        </div>
        <p aria-live="polite" className="min-h-4 text-xs text-muted-foreground">
          {copyState === "copied" && "Copied to the clipboard."}
          {copyState === "manual" && "Copying is blocked here: the key is selected, press Ctrl+C (⌘C on a Mac)."}
        </p>
      </div>
      <p
        id={warningId}
        className="rounded-md border border-warning/30 bg-warning/12 px-3 py-2 text-sm font-medium text-warning"
      >
        This key will not be shown again. Copy it now and store it somewhere safe.
      </p>
      <DialogFooter>
        <Button onClick={() => setConfirming(true)}>Close</Button>
      </DialogFooter>

      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Have you saved this key?"
        description="Once this dialog closes, the key cannot be shown again. If you lose it, you will have to roll or create a new one."
        confirmLabel="I saved it"
        cancelLabel="Go back"
        onConfirm={() => {
          setConfirming(false);
          onClose();
        }}
        data-testid="reveal-secret-confirm"
      />
    </Dialog>
  );
}
