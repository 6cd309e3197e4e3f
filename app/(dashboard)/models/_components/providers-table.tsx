"use client";

import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { toast } from "sonner";
import { callAction, toastAction } from "@/components/forms/call-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { recheckProviderAction, removeProviderAction } from "@/lib/models/actions";
import type { ProviderDto } from "@/lib/models/providers";
import { rowClasses, tableClasses, tableWrapper, tdClasses, thClasses, theadClasses } from "./table-styles";

// UTC and a fixed locale, so the server's HTML and the browser's render agree.
const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** The caller's configured providers; keys only ever in the masked form the service returns. */
export function ProvidersTable({ providers }: { providers: ProviderDto[] }) {
  const [removing, setRemoving] = useState<ProviderDto | null>(null);
  const [checking, setChecking] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  if (providers.length === 0) {
    return (
      <EmptyState
        title="No model providers yet"
        description="Add one below to use its models. Builtin models are available without a provider."
        className="py-8"
      />
    );
  }

  const remove = (factory: string) =>
    toastAction(() => removeProviderAction(factory), {
      success: "Provider removed",
      failure: `Could not remove ${factory}`,
      description: factory,
    });

  function recheck(factory: string) {
    setChecking(factory);
    startTransition(async () => {
      const result = await callAction(() => recheckProviderAction(factory));
      setChecking(null);
      // A network failure was already toasted by callAction.
      if (!result) return;
      if (!result.ok) toast.error(`Could not check ${factory}`, { description: result.error });
      else if (result.data.ok)
        toast.success(`${factory} accepted the credentials`, { description: result.data.message });
      else toast.error(`${factory} check failed`, { description: result.data.message });
    });
  }

  return (
    <>
      {/* relative: the visually hidden header is positioned inside the scroll box, not the page. */}
      <div className={`relative ${tableWrapper}`}>
        <table className={`${tableClasses} table-fixed`} data-testid="providers-table">
          <caption className="sr-only">Configured model providers</caption>
          <colgroup>
            <col className="w-[45%] md:w-[22%]" />
            <col className="hidden md:table-column md:w-[14%]" />
            <col className="hidden lg:table-column lg:w-[22%]" />
            <col className="hidden sm:table-column sm:w-[26%] lg:w-[18%]" />
            <col className="hidden md:table-column md:w-[8%]" />
            <col className="w-[55%] sm:w-[29%] md:w-[30%] lg:w-[16%]" />
          </colgroup>
          <thead className={theadClasses}>
            <tr>
              <th scope="col" className={thClasses}>
                Factory
              </th>
              <th scope="col" className={`${thClasses} hidden md:table-cell`}>
                API key
              </th>
              <th scope="col" className={`${thClasses} hidden lg:table-cell`}>
                Base URL
              </th>
              <th scope="col" className={`${thClasses} hidden sm:table-cell`}>
                Last check
              </th>
              <th scope="col" className={`${thClasses} hidden text-right md:table-cell`}>
                Models
              </th>
              <th scope="col" className={thClasses}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {providers.map((provider) => (
              <tr
                key={provider.factory}
                className={rowClasses}
                data-testid="provider-row"
                data-factory={provider.factory}
              >
                <th scope="row" className={`${tdClasses} min-w-0 text-left align-top font-medium`}>
                  <span className="block truncate" title={provider.factory}>
                    {provider.factory}
                  </span>
                  <ProviderStatus status={provider.status} />
                  {/* Columns hidden on narrow screens fold in here. */}
                  <span className="mt-1 grid gap-0.5 text-xs font-normal text-muted-foreground lg:hidden">
                    <span className="truncate font-mono md:hidden">{provider.api_key_masked ?? "no key"}</span>
                    <span className="truncate font-mono" title={provider.base_url ?? undefined}>
                      {provider.base_url ?? "default URL"}
                    </span>
                    <span className="md:hidden">
                      {provider.model_count} model{provider.model_count === 1 ? "" : "s"}
                    </span>
                    <span className="sm:hidden">
                      <LastCheck provider={provider} />
                    </span>
                  </span>
                  {Object.entries(provider.settings).map(([name, value]) => (
                    <span key={name} className="block truncate text-xs font-normal text-muted-foreground" title={value}>
                      {name}: {value}
                    </span>
                  ))}
                </th>
                <td
                  className={`${tdClasses} hidden truncate align-top font-mono text-xs md:table-cell`}
                  data-testid="provider-key"
                >
                  {provider.api_key_masked ?? <span className="text-muted-foreground">none</span>}
                </td>
                <td
                  className={`${tdClasses} hidden truncate align-top font-mono text-xs lg:table-cell`}
                  title={provider.base_url ?? undefined}
                >
                  {provider.base_url ?? <span className="text-muted-foreground">default</span>}
                </td>
                <td className={`${tdClasses} hidden align-top text-xs sm:table-cell`} data-testid="provider-last-check">
                  <LastCheck provider={provider} />
                </td>
                <td className={`${tdClasses} hidden text-right align-top tabular-nums md:table-cell`}>
                  {provider.model_count}
                </td>
                <td className={`${tdClasses} align-top`}>
                  <div className="flex flex-wrap justify-end gap-2">
                    <Button
                      variant="secondary"
                      size="sm"
                      aria-label={`Check ${provider.factory} again`}
                      pending={checking === provider.factory}
                      disabled={checking !== null}
                      onClick={() => recheck(provider.factory)}
                    >
                      Check
                    </Button>
                    <Button
                      variant="secondary"
                      size="sm"
                      aria-label={`Remove ${provider.factory}`}
                      onClick={() => setRemoving(provider)}
                    >
                      Remove
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {removing && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setRemoving(null)}
          title={`Remove ${removing.factory}?`}
          description={`Its ${removing.model_count} model${removing.model_count === 1 ? "" : "s"} will no longer be available, its credentials are deleted, and any default model that uses them is cleared.`}
          confirmLabel="Remove provider"
          destructive
          onConfirm={() => remove(removing.factory)}
          data-testid="remove-provider-confirm"
        />
      )}
    </>
  );
}

function LastCheck({ provider }: { provider: ProviderDto }) {
  if (!provider.last_checked_at) return <span className="text-muted-foreground">never</span>;
  return (
    <span className="grid gap-0.5">
      <time dateTime={provider.last_checked_at}>{timeFormat.format(new Date(provider.last_checked_at))} UTC</time>
      <span className={`break-words ${provider.last_check_ok ? "text-muted-foreground" : "text-danger"}`}>
        {provider.last_check_ok ? "OK" : "Failed"}: {provider.last_check_message}
      </span>
    </span>
  );
}

/** "Unverified" means the last check did not pass; the text, not the colour, says so. */
function ProviderStatus({ status }: { status: string }) {
  if (status === "verified")
    return (
      <Badge variant="success" data-status={status}>
        Verified
      </Badge>
    );
  return (
    <Badge variant="warning" data-status={status} title="The last check with the provider did not pass">
      Unverified
    </Badge>
  );
}
