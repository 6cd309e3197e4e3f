"use client";

import Link from "next/link";
import { Badge, StatusBadge } from "@/components/ui/badge";
import type { KeyDto } from "@/lib/keys/dto";
import { describeWarning, keyWarnings } from "@/lib/usage/warnings";
import { useKeysContext } from "./keys-context";
import { KeyStart } from "./key-start";

/** The key's name, linking to its page, with its alias and any warning (expiring soon, idle) beneath. */
export function KeyNameCell({ apiKey }: { apiKey: KeyDto }) {
  const { warningPolicy } = useKeysContext();
  const warnings = warningPolicy ? keyWarnings(apiKey, warningPolicy) : [];
  return (
    <div className="grid min-w-28 gap-1">
      {/* A 100-character name wraps anywhere instead of widening the table. */}
      <Link
        href={`/keys/${apiKey.id}`}
        className="w-fit rounded font-medium text-foreground [overflow-wrap:anywhere] underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
      >
        {apiKey.name}
      </Link>
      {apiKey.alias && (
        <span className="text-xs text-muted-foreground [overflow-wrap:anywhere]">alias: {apiKey.alias}</span>
      )}
      {/* Below md the status and start columns are hidden; they fold in here. */}
      <span className="flex flex-wrap items-center gap-1.5 md:hidden">
        <StatusBadge status={apiKey.status} className="sm:hidden" />
        <KeyStart start={apiKey.start} folded />
      </span>
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
