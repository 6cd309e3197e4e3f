"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { toastAction } from "@/components/forms/call-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { removeProviderAction } from "@/lib/models/actions";
import type { ProviderDto } from "@/lib/models/providers";
import { rowClasses, tableClasses, tableWrapper, tdClasses, thClasses, theadClasses } from "./table-styles";

/** The caller's configured providers; the key is only ever the masked form the service returns. */
export function ProvidersTable({ providers }: { providers: ProviderDto[] }) {
  const [removing, setRemoving] = useState<ProviderDto | null>(null);

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

  return (
    <>
      <div className={tableWrapper}>
        <table className={tableClasses} data-testid="providers-table">
          <caption className="sr-only">Configured model providers</caption>
          <thead className={theadClasses}>
            <tr>
              <th scope="col" className={thClasses}>
                Factory
              </th>
              <th scope="col" className={thClasses}>
                API key
              </th>
              <th scope="col" className={thClasses}>
                Base URL
              </th>
              <th scope="col" className={thClasses}>
                Status
              </th>
              <th scope="col" className={`${thClasses} text-right`}>
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
                <th scope="row" className={`${tdClasses} text-left font-medium`}>
                  {provider.factory}
                </th>
                <td className={`${tdClasses} font-mono text-xs`} data-testid="provider-key">
                  {provider.api_key_masked ?? <span className="text-muted-foreground">none</span>}
                </td>
                <td
                  className={`${tdClasses} max-w-72 truncate font-mono text-xs`}
                  title={provider.base_url ?? undefined}
                >
                  {provider.base_url ?? <span className="text-muted-foreground">default</span>}
                </td>
                <td className={tdClasses}>
                  <ProviderStatus status={provider.status} />
                </td>
                <td className={`${tdClasses} text-right tabular-nums`}>{provider.model_count}</td>
                <td className={`${tdClasses} text-right`}>
                  <Button
                    variant="secondary"
                    size="sm"
                    aria-label={`Remove ${provider.factory}`}
                    onClick={() => setRemoving(provider)}
                  >
                    Remove
                  </Button>
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
          description={`Its ${removing.model_count} model${removing.model_count === 1 ? "" : "s"} will no longer be available, its API key is deleted, and any default model that uses them is cleared.`}
          confirmLabel="Remove provider"
          destructive
          onConfirm={() => remove(removing.factory)}
          data-testid="remove-provider-confirm"
        />
      )}
    </>
  );
}

/** "Unverified" means a self-hosted server did not answer when it was added; the text, not the colour, says so. */
function ProviderStatus({ status }: { status: string }) {
  if (status === "verified")
    return (
      <Badge variant="success" data-status={status}>
        Verified
      </Badge>
    );
  return (
    <Badge variant="warning" data-status={status} title="The server did not answer when the provider was saved">
      Unverified
    </Badge>
  );
}
