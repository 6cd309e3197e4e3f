"use client";

import { useId, useMemo } from "react";
import { debounce, parseAsInteger, parseAsString } from "nuqs";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { cn } from "@/components/ui/cn";
import { useTableQuery } from "./table-query";

const SEARCH_DEBOUNCE_MS = 300;
const textParsers = { value: parseAsString.withDefault(""), page: parseAsInteger };

type DataTableSearchProps = {
  /** The search param it writes; DataTable's built-in search uses "q", a toolbar may add others (e.g. "actor"). */
  param?: string;
  placeholder?: string;
  /** Accessible name of the search field. */
  label?: string;
  className?: string;
};

/** Free-text search bound to one param: the box follows every key stroke, the URL (and the server) 300 ms later. */
export function DataTableSearch({
  param = "q",
  placeholder = "Search…",
  label = "Search",
  className,
}: DataTableSearchProps) {
  const [{ value }, setQuery] = useTableQuery(textParsers, { value: param });
  const inputId = useId();

  return (
    <form
      role="search"
      className={cn("w-full sm:w-64", className)}
      onSubmit={(event) => {
        event.preventDefault();
        // Enter searches at once instead of waiting for the debounce.
        void setQuery({ value: value.trim(), page: null });
      }}
    >
      <label htmlFor={inputId} className="sr-only">
        {label}
      </label>
      <Input
        id={inputId}
        type="search"
        value={value}
        placeholder={placeholder}
        autoComplete="off"
        onChange={(event) =>
          void setQuery(
            { value: event.target.value, page: null },
            // An emptied box clears at once; typing waits until the user pauses.
            { limitUrlUpdates: event.target.value === "" ? undefined : debounce(SEARCH_DEBOUNCE_MS) },
          )
        }
      />
    </form>
  );
}

type FilterOption = { value: string; label: string };

type DataTableFilterSelectProps = {
  /** The search param it controls, e.g. "status". */
  param: string;
  /** Accessible name, e.g. "Status". */
  label: string;
  options: readonly FilterOption[];
  /** The value the server assumes when the param is absent; choosing it removes the param. */
  defaultValue?: string;
  className?: string;
};

/** A filter bound to one search param; changing it goes back to page 1. */
export function DataTableFilterSelect({
  param,
  label,
  options,
  defaultValue = "",
  className,
}: DataTableFilterSelectProps) {
  const parsers = useMemo(
    () => ({ value: parseAsString.withDefault(defaultValue), page: parseAsInteger }),
    [defaultValue],
  );
  const [{ value }, setQuery] = useTableQuery(parsers, { value: param });
  return (
    <Select
      aria-label={label}
      value={value}
      onChange={(next) => void setQuery({ value: next, page: null })}
      options={options}
      className={cn("w-full sm:w-44", className)}
    />
  );
}
