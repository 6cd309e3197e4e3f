"use client";

import { useId } from "react";
import { DropdownMenu } from "radix-ui";
import { parseAsArrayOf, parseAsInteger, parseAsString, parseAsStringLiteral } from "nuqs";
import { useTableQuery } from "@/components/data-table/table-query";
import { buttonClasses } from "@/components/ui/button";
import { CheckIcon, ChevronDownIcon } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { popupClasses } from "@/components/ui/popup";
import { AUDIT_ACTIONS } from "@/lib/audit/schemas";

const actionParsers = {
  action: parseAsArrayOf(parseAsStringLiteral(AUDIT_ACTIONS)).withDefault([]),
  page: parseAsInteger,
};

/** Any number of actions; the menu stays open while boxes are ticked. */
export function ActionFilter() {
  const [{ action: chosen }, setQuery] = useTableQuery(actionParsers);
  const summary = chosen.length === 0 ? "All actions" : chosen.length === 1 ? chosen[0] : `${chosen.length} actions`;
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger
        aria-label={`Actions: ${summary}`}
        className={buttonClasses({ variant: "secondary", className: "w-full justify-between font-normal sm:w-44" })}
      >
        <span className="truncate">{summary}</span>
        <ChevronDownIcon className="size-4 text-muted-foreground" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="start"
          sideOffset={4}
          collisionPadding={8}
          className={cn(
            popupClasses,
            "max-h-(--radix-dropdown-menu-content-available-height) min-w-52 overflow-y-auto p-1",
          )}
        >
          {AUDIT_ACTIONS.map((action) => (
            <DropdownMenu.CheckboxItem
              key={action}
              checked={chosen.includes(action)}
              onSelect={(event) => event.preventDefault()}
              onCheckedChange={(checked) =>
                void setQuery({
                  action: checked ? [...chosen, action] : chosen.filter((held) => held !== action),
                  page: null,
                })
              }
              className="relative flex cursor-default items-center rounded py-1.5 pl-7 pr-2.5 font-mono text-xs outline-none data-[highlighted]:bg-muted"
            >
              <DropdownMenu.ItemIndicator className="absolute left-2 inline-flex">
                <CheckIcon />
              </DropdownMenu.ItemIndicator>
              {action}
            </DropdownMenu.CheckboxItem>
          ))}
          {chosen.length > 0 && (
            <>
              <DropdownMenu.Separator className="-mx-1 my-1 h-px bg-border" />
              <DropdownMenu.Item
                onSelect={() => void setQuery({ action: null, page: null })}
                className="rounded px-2.5 py-1.5 outline-none data-[highlighted]:bg-muted"
              >
                All actions
              </DropdownMenu.Item>
            </>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

const rangeParsers = { from: parseAsString, to: parseAsString, page: parseAsInteger };

/** From and to, in UTC like every time on the page; the browser's picker gives minutes. */
export function TimeRangeFilter() {
  const [range, setQuery] = useTableQuery(rangeParsers);
  const id = useId();
  const bound = (param: "from" | "to", label: string) => (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor={`${id}-${param}`} className="shrink-0 text-xs text-muted-foreground">
        {label}
      </label>
      <Input
        id={`${id}-${param}`}
        type="datetime-local"
        step={1}
        value={range[param] ?? ""}
        onChange={(event) => void setQuery({ [param]: event.target.value || null, page: null })}
        className="w-full min-w-0 sm:w-52"
      />
    </div>
  );
  return (
    <div className="flex w-full flex-wrap items-center gap-2 sm:w-auto">
      {bound("from", "From (UTC)")}
      {bound("to", "To (UTC)")}
    </div>
  );
}
