"use client";

import { useLayoutEffect, type ComponentProps, type ReactNode } from "react";
import { Dialog as DialogPrimitive } from "radix-ui";
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
  /** Esc; prevent it to keep the dialog open (or to ask first, as the show-once reveal does). */
  onEscapeKeyDown?: (request: DialogCloseRequest) => void;
  /** While a request runs, every close path is refused, so its result is not lost. */
  busy?: boolean;
  className?: string;
  "data-testid"?: string;
};

const sizeClasses = { sm: "sm:max-w-sm", md: "sm:max-w-md", lg: "sm:max-w-lg" } as const;

/**
 * A modal on Radix Dialog: focus trap, inert background, scroll lock and focus return.
 * Content mounts only while open, so forms start fresh and nothing lingers after closing.
 * It fits any screen: at most the viewport minus a margin, scrolling inside when taller.
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
  // Radix returns focus to a Dialog.Trigger; these dialogs are opened by ordinary buttons and
  // menu items, and often unmount as they close. A layout effect sees the opener before Radix
  // moves focus in, and its cleanup runs on close and on unmount alike.
  useLayoutEffect(() => {
    if (!open) return;
    const opener = focusReturnTarget();
    return () => {
      setTimeout(() => {
        const active = document.activeElement;
        // Only when focus was lost: a dialog opened next (the reveal after a create) keeps it.
        if (opener?.isConnected && (!active || active === document.body || !active.isConnected)) opener.focus();
      });
    };
  }, [open]);
  return (
    <DialogPrimitive.Root
      open={open}
      onOpenChange={(next) => {
        if (next || !busy) onOpenChange(next);
      }}
    >
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <DialogPrimitive.Content
          data-testid={testId}
          // Radix links the Description itself; without one it must be told there is none.
          {...(!description && { "aria-describedby": undefined })}
          onEscapeKeyDown={(event) => {
            if (busy) event.preventDefault();
            else onEscapeKeyDown?.(event);
          }}
          onCloseAutoFocus={(event) => event.preventDefault()}
          // A stray click beside a form must not throw away what was typed.
          onPointerDownOutside={(event) => event.preventDefault()}
          className={cn(
            "fixed left-1/2 top-1/2 z-50 grid max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 gap-4 overflow-y-auto rounded-lg border bg-card p-4 text-foreground shadow-xl outline-none sm:p-6",
            sizeClasses[size],
            className,
          )}
        >
          <div className="grid gap-1.5">
            <DialogPrimitive.Title className="break-words text-lg font-semibold leading-tight">
              {title}
            </DialogPrimitive.Title>
            {description && (
              <DialogPrimitive.Description asChild>
                <div className="text-sm text-muted-foreground">{description}</div>
              </DialogPrimitive.Description>
            )}
          </div>
          {children}
          {footer && <DialogFooter>{footer}</DialogFooter>}
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}

/** Where focus goes back to on close: the opener, or for a dialog opened from a menu item, the menu's button. */
function focusReturnTarget(): HTMLElement | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || active === document.body) return null;
  const menu = active.closest<HTMLElement>('[role="menu"]');
  if (!menu?.id) return active;
  return document.querySelector<HTMLElement>(`[aria-controls="${CSS.escape(menu.id)}"]`);
}

/** Right-aligned action row; on narrow screens the last (primary) button sits on top. */
export function DialogFooter({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end", className)} {...props} />;
}
