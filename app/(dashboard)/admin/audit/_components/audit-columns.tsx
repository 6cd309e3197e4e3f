import type { ReactNode } from "react";
import { createDataTableColumnHelper } from "@/components/data-table/data-table-features";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { auditDetails, auditPhrase } from "@/lib/audit/describe";
// Type only: lib/audit/list is server code, and `import type` leaves nothing in the client bundle.
import type { AuditDto } from "@/lib/audit/list";
import { AuditTime } from "./audit-time";

/** Removals and failures stand out; creations read as good news; the rest stay neutral. */
function actionVariant(action: string): BadgeVariant {
  if (/\.(deleted|revoked|removed|login_failed)$/.test(action)) return "danger";
  if (/\.(created|added)$/.test(action)) return "success";
  return "neutral";
}

/** A name with its id a hover (and a long press) away; the name wraps rather than widening the table. */
function Named({ name, id, kind }: { name: string | null; id: string | null; kind: string }) {
  if (!name && !id) return null;
  return (
    <span className="font-medium text-foreground [overflow-wrap:anywhere]" title={id ? `${kind} id ${id}` : undefined}>
      {name ?? <code className="font-mono text-xs">{id}</code>}
    </span>
  );
}

function Sentence({ event }: { event: AuditDto }) {
  const { verb, noun } = auditPhrase(event.action);
  const { actor, target } = event;
  return (
    <p className="leading-relaxed" data-testid="audit-sentence">
      {actor.email || actor.id ? (
        <Named name={actor.email} id={actor.id} kind="User" />
      ) : (
        <span className="text-muted-foreground">Someone</span>
      )}{" "}
      {verb}
      {noun && ` ${noun}`} <Named name={target.name} id={target.id} kind={noun === "key" ? "Key" : "Target"} />
      {actor.key_id && (
        <span className="text-muted-foreground">
          {" "}
          with key <Named name={actor.key_name} id={actor.key_id} kind="Key" />
        </span>
      )}
    </p>
  );
}

function Details({ details, empty = null }: { details: unknown; empty?: ReactNode }) {
  const entries = auditDetails(details);
  if (entries.length === 0) return empty;
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs" data-testid="audit-details">
      {entries.map((entry) => (
        <div key={entry.label} className="contents">
          <dt className="text-muted-foreground">{entry.label}</dt>
          <dd className="[overflow-wrap:anywhere]">{entry.value}</dd>
        </div>
      ))}
    </dl>
  );
}

const column = createDataTableColumnHelper<AuditDto>();

// The time and the sentence always; below md the details and the address fold under the sentence.
export const auditColumns = column.columns([
  column.accessor("created_at", {
    header: "Time (UTC)",
    cell: ({ getValue }) => <AuditTime value={getValue()} />,
    meta: { cellClassName: "align-top" },
  }),
  column.display({
    id: "event",
    header: "Event",
    cell: ({ row }) => (
      <div className="grid min-w-40 gap-1.5">
        <Badge variant={actionVariant(row.original.action)} className="w-fit font-mono" data-testid="audit-action">
          {row.original.action}
        </Badge>
        <Sentence event={row.original} />
        <div className="grid gap-1 md:hidden">
          <Details details={row.original.details} />
          {row.original.ip && <span className="font-mono text-xs text-muted-foreground">from {row.original.ip}</span>}
        </div>
      </div>
    ),
    meta: { cellClassName: "align-top" },
  }),
  column.accessor("details", {
    header: "Details",
    cell: ({ getValue }) => <Details details={getValue()} empty={<span className="text-muted-foreground">—</span>} />,
    meta: { visibleFrom: "md", cellClassName: "align-top min-w-48" },
  }),
  column.accessor("ip", {
    header: "IP",
    cell: ({ row }) => (
      <span className="whitespace-nowrap font-mono text-xs" title={row.original.user_agent ?? undefined}>
        {row.original.ip ?? "—"}
      </span>
    ),
    meta: { visibleFrom: "lg", cellClassName: "align-top" },
  }),
]);
