"use client";

import type { Ref } from "react";
import { Select as SelectPrimitive } from "radix-ui";
import { cn } from "./cn";
import { CheckIcon, ChevronDownIcon } from "./icons";
import { popupClasses } from "./popup";
import { controlClasses } from "./input";

/** `group` puts an option under a heading; options of one group must be adjacent. */
export type SelectOption = { value: string; label: string; group?: string };

function groupsOf(options: readonly SelectOption[]): { group?: string; options: SelectOption[] }[] {
  const groups: { group?: string; options: SelectOption[] }[] = [];
  for (const option of options) {
    const last = groups.at(-1);
    if (last && last.group === option.group) last.options.push(option);
    else groups.push({ group: option.group, options: [option] });
  }
  return groups;
}

type SelectProps = {
  id?: string;
  /** The chosen option's value; "" is a valid value (e.g. a "None" or "All" option). */
  value: string | null | undefined;
  /** Called with the chosen value, so a react-hook-form field can be spread onto it as is. */
  onChange: (value: string) => void;
  options: readonly SelectOption[];
  /** Shown while the value matches no option, e.g. "Choose a factory…". */
  placeholder?: string;
  /** Submitted with a native form under this name. */
  name?: string;
  disabled?: boolean;
  invalid?: boolean;
  "aria-label"?: string;
  "aria-describedby"?: string;
  /** Classes for the trigger (width, margins). */
  className?: string;
  /** The trigger, e.g. for react-hook-form to focus a field with an error. */
  ref?: Ref<HTMLButtonElement>;
  onBlur?: () => void;
};

// Radix reserves "" for "no value"; an option whose value is "" travels under this stand-in.
const EMPTY_VALUE = "\u0000empty";
const toRadix = (value: string) => (value === "" ? EMPTY_VALUE : value);
const fromRadix = (value: string) => (value === EMPTY_VALUE ? "" : value);

function renderItem(option: SelectOption) {
  return (
    <SelectPrimitive.Item
      key={option.value}
      value={toRadix(option.value)}
      className="relative flex cursor-default select-none items-center rounded py-1.5 pl-7 pr-2.5 outline-none data-[highlighted]:bg-muted data-[state=checked]:font-medium"
    >
      <SelectPrimitive.ItemIndicator className="absolute left-2 inline-flex">
        <CheckIcon />
      </SelectPrimitive.ItemIndicator>
      <SelectPrimitive.ItemText>{option.label}</SelectPrimitive.ItemText>
    </SelectPrimitive.Item>
  );
}

/**
 * A listbox on Radix Select: keyboard, typeahead and a collision-aware popup. The trigger
 * renders the chosen label itself, so server-rendered HTML already shows the saved value.
 */
export function Select({
  value: given,
  onChange,
  options,
  invalid,
  className,
  id,
  ref,
  onBlur,
  name,
  disabled,
  placeholder,
  "aria-label": ariaLabel,
  "aria-describedby": ariaDescribedBy,
}: SelectProps) {
  const value = given ?? "";
  const selected = options.find((option) => option.value === value);
  return (
    <SelectPrimitive.Root
      value={toRadix(value)}
      onValueChange={(next) => onChange(fromRadix(next))}
      name={name}
      disabled={disabled}
    >
      <SelectPrimitive.Trigger
        ref={ref}
        id={id}
        onBlur={onBlur}
        aria-label={ariaLabel}
        aria-describedby={ariaDescribedBy}
        aria-invalid={invalid || undefined}
        className={cn(controlClasses, "flex items-center justify-between gap-2 text-left", className)}
      >
        <SelectPrimitive.Value>
          <span className={cn("truncate", !selected && "text-muted-foreground")}>
            {selected?.label ?? placeholder ?? value}
          </span>
        </SelectPrimitive.Value>
        <SelectPrimitive.Icon className="shrink-0 text-muted-foreground">
          <ChevronDownIcon />
        </SelectPrimitive.Icon>
      </SelectPrimitive.Trigger>
      <SelectPrimitive.Portal>
        <SelectPrimitive.Content
          position="popper"
          sideOffset={4}
          collisionPadding={8}
          className={cn(
            popupClasses,
            "max-h-(--radix-select-content-available-height) min-w-(--radix-select-trigger-width) overflow-hidden",
          )}
        >
          <SelectPrimitive.Viewport className="p-1">
            {groupsOf(options).map(({ group, options: grouped }, index) =>
              group ? (
                <SelectPrimitive.Group key={`${group}-${index}`}>
                  <SelectPrimitive.Label className="px-2.5 pb-1 pt-2 text-xs font-medium text-muted-foreground">
                    {group}
                  </SelectPrimitive.Label>
                  {grouped.map(renderItem)}
                </SelectPrimitive.Group>
              ) : (
                grouped.map(renderItem)
              ),
            )}
          </SelectPrimitive.Viewport>
        </SelectPrimitive.Content>
      </SelectPrimitive.Portal>
    </SelectPrimitive.Root>
  );
}
