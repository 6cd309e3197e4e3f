"use client";

import { Fragment } from "react";
import { DropdownMenu } from "radix-ui";
import { cn } from "./cn";
import { popupClasses } from "./popup";

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

/**
 * A row's "…" menu on Radix DropdownMenu: arrow keys, typeahead, focus return, and a
 * collision-aware position in a portal, so a table's scroll box never clips it.
 */
export function RowActionsMenu({ label, actions }: RowActionsMenuProps) {
  return (
    // Not modal: the dialog an item opens takes over focus, and must not fight a modal menu for it.
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger
        aria-label={label}
        title="Actions"
        className="inline-flex size-8 shrink-0 items-center justify-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring data-[state=open]:bg-muted"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" className="size-4" fill="currentColor">
          <circle cx="3" cy="8" r="1.5" />
          <circle cx="8" cy="8" r="1.5" />
          <circle cx="13" cy="8" r="1.5" />
        </svg>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          aria-label={label}
          align="end"
          sideOffset={4}
          collisionPadding={8}
          className={cn(popupClasses, "min-w-40 p-1")}
        >
          {actions.map((action) => (
            <Fragment key={action.label}>
              {action.separated && <DropdownMenu.Separator className="-mx-1 my-1 h-px bg-border" />}
              <DropdownMenu.Item
                onSelect={action.onSelect}
                className={cn(
                  "flex w-full cursor-default items-center rounded px-2.5 py-1.5 outline-none data-[highlighted]:bg-muted",
                  action.destructive && "text-danger",
                )}
              >
                {action.label}
              </DropdownMenu.Item>
            </Fragment>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
