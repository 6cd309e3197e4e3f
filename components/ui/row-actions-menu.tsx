"use client";

import { Fragment, useEffect, useId, useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";
import { cn } from "@/components/ui/cn";

export type RowAction = {
  label: string;
  onSelect: () => void;
  destructive?: boolean;
  /** Starts a new group, drawn with a divider above it. */
  separated?: boolean;
};

type RowActionsMenuProps = {
  /** Accessible name of the trigger and the menu, e.g. "Actions for CI deploy key". */
  label: string;
  actions: readonly RowAction[];
};

const subscribeNothing = () => () => {};

/**
 * An ARIA menu button. The list is a native popover: it sits in the top layer, so the
 * table's overflow container cannot clip it, and outside clicks close it for free.
 */
export function RowActionsMenu({ label, actions }: RowActionsMenuProps) {
  const menuId = useId();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  // The native popover would open before React hydrates, showing items whose clicks do nothing yet.
  const hydrated = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );

  useEffect(() => {
    const menu = menuRef.current;
    if (!menu) return;
    // Fixed under the trigger; a scroll anywhere would leave it floating, so it closes instead.
    const close = () => menu.hidePopover();
    const onBeforeToggle = (event: Event) => {
      const trigger = triggerRef.current;
      if (!(event instanceof ToggleEvent) || event.newState !== "open" || !trigger) return;
      const rect = trigger.getBoundingClientRect();
      menu.style.top = `${rect.bottom + 4}px`;
      menu.style.right = `${document.documentElement.clientWidth - rect.right}px`;
    };
    const onToggle = (event: Event) => {
      const isOpen = event instanceof ToggleEvent && event.newState === "open";
      setOpen(isOpen);
      if (isOpen) {
        // Flip above the trigger when there is no room below.
        const trigger = triggerRef.current?.getBoundingClientRect();
        if (trigger && trigger.bottom + 4 + menu.offsetHeight > window.innerHeight) {
          menu.style.top = `${Math.max(4, trigger.top - 4 - menu.offsetHeight)}px`;
        }
        menu.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
        window.addEventListener("scroll", close, { capture: true, once: true });
        window.addEventListener("resize", close, { once: true });
      } else {
        window.removeEventListener("scroll", close, { capture: true });
        window.removeEventListener("resize", close);
      }
    };
    menu.addEventListener("beforetoggle", onBeforeToggle);
    menu.addEventListener("toggle", onToggle);
    return () => {
      menu.removeEventListener("beforetoggle", onBeforeToggle);
      menu.removeEventListener("toggle", onToggle);
      window.removeEventListener("scroll", close, { capture: true });
      window.removeEventListener("resize", close);
    };
  }, []);

  function closeToTrigger() {
    menuRef.current?.hidePopover();
    triggerRef.current?.focus();
  }

  function handleMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: items.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      items[(moves[event.key] + items.length) % items.length]?.focus();
    } else if (event.key === "Escape" || event.key === "Tab") {
      // Focus goes back to the trigger, so the row keeps its place in the tab order.
      event.preventDefault();
      closeToTrigger();
    }
  }

  return (
    <>
      <button
        ref={triggerRef}
        type="button"
        popoverTarget={menuId}
        disabled={!hydrated}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={label}
        title="Actions"
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && !open) {
            event.preventDefault();
            menuRef.current?.showPopover();
          }
        }}
        className="inline-flex size-8 items-center justify-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" className="size-4" fill="currentColor">
          <circle cx="3" cy="8" r="1.5" />
          <circle cx="8" cy="8" r="1.5" />
          <circle cx="13" cy="8" r="1.5" />
        </svg>
      </button>
      <div
        ref={menuRef}
        id={menuId}
        popover="auto"
        role="menu"
        aria-label={label}
        onKeyDown={handleMenuKeyDown}
        className="fixed inset-auto m-0 min-w-40 rounded-md border bg-card p-1 text-sm text-foreground shadow-lg"
      >
        {actions.map((action) => (
          <Fragment key={action.label}>
            {action.separated && <div role="separator" className="-mx-1 my-1 h-px bg-border" />}
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={() => {
                // Focus returns to the trigger first, so the dialog that opens next restores it there.
                closeToTrigger();
                action.onSelect();
              }}
              className={cn(
                "flex w-full items-center rounded px-2.5 py-1.5 text-left outline-none hover:bg-muted focus-visible:bg-muted",
                action.destructive && "text-danger",
              )}
            >
              {action.label}
            </button>
          </Fragment>
        ))}
      </div>
    </>
  );
}
