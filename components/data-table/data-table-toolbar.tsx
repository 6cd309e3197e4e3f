"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useDataTableParams } from "./use-table-url-state";

const SEARCH_DEBOUNCE_MS = 300;

type DataTableSearchProps = {
  /** The search param it writes; DataTable's built-in search uses "q", a toolbar may add others (e.g. "actor"). */
  param?: string;
  placeholder?: string;
  /** Accessible name of the search field. */
  label?: string;
};

/** Free-text search bound to one param; typing is debounced, Enter searches at once. */
export function DataTableSearch({ param = "q", placeholder = "Search…", label = "Search" }: DataTableSearchProps) {
  const { params, setParams } = useDataTableParams();
  const urlValue = params.get(param) ?? "";
  const [value, setValue] = useState(urlValue);
  const [seen, setSeen] = useState(urlValue);
  const [sent, setSent] = useState(urlValue);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const inputId = useId();

  // Adopt outside changes (back button, "Clear filters") but not the echo of our own
  // update, which would overwrite what was typed since it was sent.
  if (urlValue !== seen) {
    setSeen(urlValue);
    if (urlValue !== sent) {
      setSent(urlValue);
      setValue(urlValue);
    }
  }

  useEffect(() => () => clearTimeout(timer.current), []);

  function send(raw: string) {
    clearTimeout(timer.current);
    const q = raw.trim();
    if (q === urlValue) return;
    setSent(q);
    setParams({ [param]: q || null }, { resetPage: true });
  }

  function handleChange(next: string) {
    setValue(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => send(next), SEARCH_DEBOUNCE_MS);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send(value);
  }

  return (
    <form role="search" onSubmit={handleSubmit} className="w-full sm:w-64">
      <label htmlFor={inputId} className="sr-only">
        {label}
      </label>
      <Input
        id={inputId}
        type="search"
        value={value}
        placeholder={placeholder}
        autoComplete="off"
        onChange={(event) => handleChange(event.target.value)}
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
  const { params, setParams } = useDataTableParams();
  const selectId = useId();
  const value = params.get(param) ?? defaultValue;

  return (
    <div className={className}>
      <label htmlFor={selectId} className="sr-only">
        {label}
      </label>
      <Select
        id={selectId}
        value={value}
        onChange={(event) => {
          const next = event.target.value;
          setParams({ [param]: next === defaultValue ? null : next }, { resetPage: true });
        }}
        wrapperClassName="w-full sm:w-44"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </div>
  );
}
