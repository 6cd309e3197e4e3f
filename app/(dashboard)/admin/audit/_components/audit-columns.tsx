import { createDataTableColumnHelper } from "@/components/data-table/data-table-features";
import { DateCell } from "@/components/data-table/date-cell";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
// Type only: lib/audit/list is server code, and `import type` leaves nothing in the client bundle.
import type { AuditDto } from "@/lib/audit/list";

/** Removals and failures stand out; creations read as good news; the rest stay neutral. */
function actionVariant(action: string): BadgeVariant {
  if (/\.(deleted|revoked|removed|login_failed)$/.test(action)) return "danger";
  if (/\.(created|added)$/.test(action)) return "success";
  return "neutral";
}

// Details never hold a secret (the services record names, ids and changed field names only).
function compactJson(value: unknown): string {
  return value === null || value === undefined ? "" : JSON.stringify(value);
}

const column = createDataTableColumnHelper<AuditDto>();

export const auditColumns = column.columns([
  column.accessor("created_at", {
    header: "Time",
    cell: ({ getValue }) => <DateCell value={getValue()} empty="—" withTime />,
  }),
  column.accessor("actor", {
    header: "Actor",
    cell: ({ getValue }) => {
      const actor = getValue();
      return (
        <div className="flex min-w-40 flex-wrap items-center gap-1.5">
          {/* The email as it was at the time: the actor may since have been renamed or deleted. */}
          <span className="break-all">
            {actor.email ?? actor.id ?? <span className="text-muted-foreground">system</span>}
          </span>
          {actor.key_id && (
            <Badge variant="neutral" title={`API key ${actor.key_id}`}>
              via key
            </Badge>
          )}
        </div>
      );
    },
  }),
  column.accessor("action", {
    header: "Action",
    cell: ({ getValue }) => (
      <Badge variant={actionVariant(getValue())} className="font-mono" data-testid="audit-action">
        {getValue()}
      </Badge>
    ),
  }),
  column.accessor("target", {
    header: "Target",
    cell: ({ getValue }) => {
      const target = getValue();
      if (!target.id) return <span className="text-muted-foreground">—</span>;
      return (
        <span className="grid gap-0.5">
          {target.type && <span className="text-xs text-muted-foreground">{target.type}</span>}
          <code className="break-all font-mono text-xs" data-testid="audit-target">
            {target.id}
          </code>
        </span>
      );
    },
  }),
  column.accessor("ip", {
    header: "IP",
    cell: ({ getValue }) => <span className="whitespace-nowrap font-mono text-xs">{getValue() ?? "—"}</span>,
  }),
  column.accessor("details", {
    header: "Details",
    cell: ({ getValue }) => {
      const json = compactJson(getValue());
      if (!json) return <span className="text-muted-foreground">—</span>;
      return (
        <code className="line-clamp-2 block max-w-md break-all font-mono text-xs text-muted-foreground" title={json}>
          {json}
        </code>
      );
    },
  }),
]);
