// No "use client": server pages (a user's details) and client tables render the same cell.

// UTC and a fixed locale: the server renders these cells too, and its time zone and locale
// differ from the browser's, which would make hydration fail.
const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

type DateCellProps = {
  /** An ISO timestamp as the DTOs carry it, or null. */
  value: string | null;
  /** What a missing date reads as, e.g. "never" or "—". */
  empty: string;
  withTime?: boolean;
};

export function DateCell({ value, empty, withTime = false }: DateCellProps) {
  if (!value) return <span className="text-muted-foreground">{empty}</span>;
  const date = new Date(value);
  return (
    <time dateTime={value} title={`${dateTimeFormat.format(date)} UTC`} className="whitespace-nowrap">
      {(withTime ? dateTimeFormat : dateFormat).format(date)}
    </time>
  );
}
