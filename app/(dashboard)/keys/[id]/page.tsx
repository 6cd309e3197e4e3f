import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { DateCell } from "@/components/data-table/date-cell";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ApiError } from "@/lib/api/errors";
import { sessionCaller, type Caller } from "@/lib/auth/caller";
import { requireUser } from "@/lib/auth/session";
import { currentSettings } from "@/lib/settings/service";
import { getKeyDetail, type KeyDetail } from "@/lib/usage/key-detail";
import { describeWarning, keyWarnings } from "@/lib/usage/warnings";
import { KeyAuditList } from "./_components/key-audit-list";
import { KeyPageActions } from "./_components/key-page-actions";
import { KeyUsageSection } from "./_components/key-usage-section";

export const metadata: Metadata = { title: "API key" };

async function findKey(caller: Caller, id: string): Promise<KeyDetail> {
  try {
    return await getKeyDetail(caller, id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}

/** One key, for its owner or any admin: fields, warnings, use, lineage, history and its actions. */
export default async function KeyPage({ params }: PageProps<"/keys/[id]">) {
  const user = await requireUser();
  const { id } = await params;
  const [{ key, usage, audit, lineage }, settings] = await Promise.all([
    findKey(sessionCaller(user), id),
    currentSettings(),
  ]);
  const own = key.owner.id === user.id;
  const warnings = keyWarnings(key, settings);

  return (
    <div className="grid gap-6">
      <header className="grid gap-2">
        <Link
          href={own ? "/keys" : `/admin/users/${key.owner.id}`}
          className="w-fit rounded text-sm text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
        >
          ← {own ? "API keys" : key.owner.email}
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="min-w-0 break-all text-2xl font-semibold tracking-tight">{key.name}</h1>
          <StatusBadge status={key.status} />
          <div className="ml-auto">
            <KeyPageActions apiKey={key} ownerId={key.owner.id} />
          </div>
        </div>
        {warnings.length > 0 && (
          <ul className="grid gap-1" data-testid="key-warnings">
            {warnings.map((warning) => (
              <li key={warning}>
                <Badge variant="warning">{describeWarning(warning, key, settings)}</Badge>
              </li>
            ))}
          </ul>
        )}
      </header>

      <Card>
        <CardHeader>
          <CardTitle>Details</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3" data-testid="key-details">
            {!own && <Detail term="Owner">{key.owner.email}</Detail>}
            <Detail term="Key">
              <code className="font-mono text-xs">{key.start}…</code>
            </Detail>
            <Detail term="Alias">{key.alias ?? <span className="text-muted-foreground">—</span>}</Detail>
            <Detail term="Scopes">{key.scopes.join(", ")}</Detail>
            <Detail term="Created">
              <DateCell value={key.created_at} empty="—" withTime />
            </Detail>
            <Detail term="Created by">
              {key.created_by?.email ?? <span className="text-muted-foreground">—</span>}
            </Detail>
            <Detail term="Expires">
              <DateCell value={key.expires_at} empty="never" withTime />
            </Detail>
            {key.revoked_at && (
              <Detail term="Revoked">
                <DateCell value={key.revoked_at} empty="—" withTime />
              </Detail>
            )}
            <Detail term="Last used">
              <DateCell value={key.last_used_at} empty="never" withTime />
            </Detail>
            <Detail term="Rolled from">
              {lineage.predecessor ? (
                <KeyLink id={lineage.predecessor.id} name={lineage.predecessor.name} />
              ) : (
                <span className="text-muted-foreground">—</span>
              )}
            </Detail>
            <Detail term="Rolled into">
              {lineage.successor ? (
                <KeyLink id={lineage.successor.id} name={lineage.successor.name} />
              ) : key.rolled_at ? (
                <span className="text-muted-foreground">
                  Rolled <DateCell value={key.rolled_at} empty="—" withTime />; the new key was deleted
                </span>
              ) : (
                <span className="text-muted-foreground">—</span>
              )}
            </Detail>
          </dl>
        </CardContent>
      </Card>

      <KeyUsageSection day={usage.day} month={usage.month} />
      <KeyAuditList events={audit} />
    </div>
  );
}

function KeyLink({ id, name }: { id: string; name: string }) {
  return (
    <Link
      href={`/keys/${id}`}
      className="rounded text-primary underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
    >
      {name}
    </Link>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid min-w-0 gap-1">
      <dt className="text-xs font-medium text-muted-foreground">{term}</dt>
      <dd className="break-all">{children}</dd>
    </div>
  );
}
