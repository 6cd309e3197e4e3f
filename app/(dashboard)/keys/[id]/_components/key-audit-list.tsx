import { DateCell } from "@/components/data-table/date-cell";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { auditDetails } from "@/lib/audit/describe";
// Type only: lib/audit/list is server code.
import type { AuditDto } from "@/lib/audit/list";

const VERBS: Record<string, string> = {
  "key.created": "created this key",
  "key.updated": "changed this key",
  "key.revoked": "revoked this key",
  "key.renewed": "renewed this key",
  "key.rolled": "rolled this key",
  "key.deleted": "deleted this key",
};

/** The key's audit events, newest first, as sentences with their details as labelled values. */
export function KeyAuditList({ events }: { events: AuditDto[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>History</CardTitle>
      </CardHeader>
      <CardContent>
        {events.length === 0 ? (
          <EmptyState title="No recorded changes" description="Changes to this key will be listed here." />
        ) : (
          <ol className="grid gap-3 text-sm" data-testid="key-history">
            {events.map((event) => {
              const details = auditDetails(event.details);
              return (
                <li key={event.id} className="grid gap-1 border-b pb-3 last:border-b-0 last:pb-0">
                  <p>
                    <span className="font-medium break-all">{event.actor.email ?? "The system"}</span>{" "}
                    {VERBS[event.action] ?? event.action}
                    {event.actor.key_id ? ` with key ${event.actor.key_name ?? event.actor.key_id}` : ""} ·{" "}
                    <DateCell value={event.created_at} empty="—" withTime />
                  </p>
                  {details.length > 0 && (
                    <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground">
                      {details.map(({ label, value }) => (
                        <div key={label} className="flex gap-1">
                          <dt>{label}:</dt>
                          <dd className="break-all text-foreground">{value}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}
