"use client";

import { useState, useTransition, type FormEvent } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import type { ActionResult } from "@/lib/api/action-result";
import { callAction } from "./call-action";

type UseActionFormOptions<TInput extends FieldValues, TOutput, TData> = {
  /** The very schema the server action parses again. */
  schema: z.ZodType<TOutput, TInput>;
  /** Every field of the form: server errors for other names go to the banner. */
  defaultValues: DefaultValues<TInput> & TInput;
  action: (values: TOutput) => Promise<ActionResult<TData>>;
  /** `form` is there to reset the fields, e.g. to what the server saved. */
  onSuccess: (data: TData, values: TOutput, form: UseFormReturn<TInput, unknown, TOutput>) => void;
  /**
   * Where a server error goes when the form's fields are not the request's (the /models form
   * sends `api_key.region` from its `credentials.region` input); undefined falls back to the
   * top-level field of the same name.
   */
  serverFieldPath?: (path: string) => Path<TInput> | undefined;
  /**
   * Keep the server's message in the banner even when its field errors all found a field, for a
   * message that says more than they do ("Invalid default models: nothing was changed").
   */
  keepSummary?: boolean;
};

export type ActionForm<TInput extends FieldValues, TOutput> = {
  form: UseFormReturn<TInput, unknown, TOutput>;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => Promise<void>;
  pending: boolean;
  /** The banner: what the server said that belongs to no field of this form. */
  formError: string | null;
};

/**
 * The one way a form calls a server action (STYLE §9): client validation with the server's
 * schema, the call in a transition, a network failure as a toast with the values kept, the
 * server's field errors on their fields (the first focused), everything else in the banner.
 */
export function useActionForm<TInput extends FieldValues, TOutput, TData>({
  schema,
  defaultValues,
  action,
  onSuccess,
  serverFieldPath,
  keepSummary = false,
}: UseActionFormOptions<TInput, TOutput, TData>): ActionForm<TInput, TOutput> {
  const form = useForm<TInput, unknown, TOutput>({ resolver: zodResolver(schema), defaultValues });
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await callAction(() => action(values));
      if (!result) return;
      if (result.ok) return onSuccess(result.data, values, form);
      const unplaced = placeFieldErrors(form, result.fields, Object.keys(defaultValues), serverFieldPath);
      const noFields = !result.fields || Object.keys(result.fields).length === 0;
      const banner = [...(keepSummary || noFields ? [result.error] : []), ...unplaced];
      if (banner.length > 0) setFormError(banner.join(" "));
    });
  });

  return { form, onSubmit, pending, formError };
}

/** A nested path ("scopes.0") belongs to its top-level field; returns the messages no field took. */
function placeFieldErrors<T extends FieldValues>(
  form: UseFormReturn<T, unknown, unknown>,
  fields: Record<string, string[]> | undefined,
  names: readonly string[],
  serverFieldPath?: (path: string) => Path<T> | undefined,
): string[] {
  const unplaced: string[] = [];
  let focused = false;
  for (const [path, messages] of Object.entries(fields ?? {})) {
    const name = serverFieldPath?.(path) ?? names.find((candidate) => candidate === path.split(".")[0]);
    if (!name) {
      unplaced.push(...messages);
      continue;
    }
    form.setError(name as Path<T>, { type: "server", message: messages.join(" ") }, { shouldFocus: !focused });
    focused = true;
  }
  return unplaced;
}
