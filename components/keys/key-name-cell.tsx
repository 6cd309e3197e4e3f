"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { KeyDto } from "@/lib/keys/dto";
import { describeWarning, keyWarnings } from "@/lib/usage/warnings";
import { useKeysContext } from "./keys-context";

/** The key's name, linking to its page, with its alias and any warning (expiring soon, idle) beneath. */
export function KeyNameCell({ apiKey }: { apiKey: KeyDto }) {
  const { warningPolicy } = useKeysContext();
  const warnings = warningPolicy ? keyWarnings(apiKey, warningPolicy) : [];
  return (
    <div className="grid min-w-32 gap-0.5">
      <Link
        href={`/keys/${apiKey.id}`}
        className="w-fit rounded font-medium text-foreground underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
      >
        {apiKey.name}
      </Link>
      {apiKey.alias && <span className="text-xs text-muted-foreground">alias: {apiKey.alias}</span>}
      {warningPolicy && warnings.length > 0 && (
        <span className="flex flex-wrap gap-1" data-testid="key-warning">
          {warnings.map((warning) => (
            <Badge key={warning} variant="warning">
              {describeWarning(warning, apiKey, warningPolicy)}
            </Badge>
          ))}
        </span>
      )}
    </div>
  );
}
