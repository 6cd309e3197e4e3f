import Link from "next/link";
import type { ReactNode } from "react";
import { DateCell } from "@/components/data-table/date-cell";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { OwnedKeyDto } from "@/lib/usage/service";

type Props = {
  title: string;
  description: string;
  keys: (OwnedKeyDto & { note?: string })[];
  empty: string;
  testId: string;
  /** What the list is about, e.g. "Expires" or "Last used", shown beside each key. */
  dateLabel: string;
  date: (key: OwnedKeyDto) => string | null;
  dateEmpty: string;
  action?: ReactNode;
};

/** One of the overview's key lists: each key links to its page, with its owner and the date that matters. */
export function OverviewKeyList({
  title,
  description,
  keys,
  empty,
  testId,
  dateLabel,
  date,
  dateEmpty,
  action,
}: Props) {
  return (
    <Card data-testid={testId}>
      <CardHeader className="flex flex-wrap items-start justify-between gap-2">
        <div className="grid gap-1">
          <CardTitle>{title}</CardTitle>
          <CardDescription>{description}</CardDescription>
        </div>
        {keys.length > 0 && action}
      </CardHeader>
      <CardContent>
        {keys.length === 0 ? (
          <p className="text-sm text-muted-foreground">{empty}</p>
        ) : (
          <table className="w-full table-fixed text-left text-sm">
            <thead className="text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="py-1 pr-2 font-medium">
                  Key
                </th>
                <th scope="col" className="py-1 pr-2 font-medium">
                  Owner
                </th>
                <th scope="col" className="w-32 py-1 font-medium">
                  {dateLabel}
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id} className="border-t align-top">
                  <td className="py-1.5 pr-2">
                    <Link
                      href={`/keys/${key.id}`}
                      className="break-words rounded font-medium text-primary underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
                    >
                      {key.name}
                    </Link>
                    {key.note && <span className="block text-xs text-muted-foreground">{key.note}</span>}
                  </td>
                  <td className="break-all py-1.5 pr-2 text-muted-foreground">{key.owner.email}</td>
                  <td className="py-1.5">
                    <DateCell value={date(key)} empty={dateEmpty} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </CardContent>
    </Card>
  );
}
