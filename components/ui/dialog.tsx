"use client";

import {
  useId,
  useLayoutEffect,
  useRef,
  type ComponentProps,
  type KeyboardEvent,
  type ReactNode,
  type SyntheticEvent,
} from "react";
import { cn } from "./cn";

/** Passed to onEscapeKeyDown; calling preventDefault() keeps the dialog open. */
export type DialogCloseRequest = { preventDefault: () => void };

type DialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Rendered as the heading that labels the dialog. */
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons row; put buttons in `children` instead (inside DialogFooter) when they belong to a form. */
  footer?: ReactNode;
  size?: "sm" | "md" | "lg";
  /** Esc or another browser close request (e.g. Android back); prevent it to keep the dialog open. */
  onEscapeKeyDown?: (request: DialogCloseRequest) => void;
  /** While a request runs, Esc and other close requests are refused, so its result is not lost. */
  busy?: boolean;
  className?: string;
  "data-testid"?: string;
};

const sizeClasses = { sm: "max-w-sm", md: "max-w-md", lg: "max-w-lg" } as const;

/**
 * A modal on the native <dialog>: showModal() gives the top layer, inert background,
 * focus containment and the backdrop for free. React owns `open`; every native close
 * path is routed back through onOpenChange so the two never disagree.
 */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  footer,
  size = "md",
  onEscapeKeyDown,
  busy = false,
  className,
  "data-testid": testId,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  // Native `close` events arrive after React has re-rendered; they need the latest intent.
  const openRef = useRef(open);
  useLayoutEffect(() => {
    openRef.current = open;
  });

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!open || !dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      // Browsers restore focus on close(), but not when the dialog unmounts while open.
      if (opener?.isConnected) opener.focus();
    };
  }, [open]);

  function requestClose(): boolean {
    let prevented = busy;
    onEscapeKeyDown?.({ preventDefault: () => (prevented = true) });
    if (!prevented) onOpenChange(false);
    return !prevented;
  }

  function handleKeyDown(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== "Escape") return;
    // Handled on keydown rather than `cancel`: Chrome makes `cancel` uncancelable after repeated Esc presses.
    event.preventDefault();
    // A nested dialog (e.g. a confirmation) must not also close the one beneath it.
    event.stopPropagation();
    requestClose();
  }

  function handleCancel(event: SyntheticEvent<HTMLDialogElement>) {
    event.preventDefault();
    requestClose();
  }

  function handleClose() {
    const dialog = ref.current;
    if (!dialog || dialog.open || !openRef.current) return;
    // The browser closed it without asking (an uncancelable close request): re-open if the owner says no.
    if (!requestClose()) dialog.showModal();
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onKeyDown={handleKeyDown}
      onCancel={handleCancel}
      onClose={handleClose}
      data-testid={testId}
      className={cn(
        "max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] overflow-y-auto rounded-lg border bg-card p-0 text-foreground shadow-xl backdrop:bg-black/50",
        sizeClasses[size],
        className,
      )}
    >
      {/* Content mounts only while open, so forms start fresh and nothing lingers in the DOM after closing. */}
      {open && (
        <div className="grid gap-4 p-6">
          <div className="grid gap-1.5">
            <h2 id={titleId} className="text-lg font-semibold leading-tight">
              {title}
            </h2>
            {description && (
              <div id={descriptionId} className="text-sm text-muted-foreground">
                {description}
              </div>
            )}
          </div>
          {children}
          {footer && <DialogFooter>{footer}</DialogFooter>}
        </div>
      )}
    </dialog>
  );
}

/** Right-aligned action row; on narrow screens the last (primary) button sits on top. */
export function DialogFooter({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end", className)} {...props} />;
}
