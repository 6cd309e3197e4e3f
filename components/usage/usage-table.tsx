import type { UsageSeries } from "@/lib/usage/series";
import { OUTCOME_SERIES } from "./outcome-series";

const number = new Intl.NumberFormat("en-US");

function bucketLabel(start: string, granularity: "hour" | "day"): string {
  // UTC, like the buckets themselves: "2026-12-01 14:00" or "2026-12-01".
  return granularity === "hour" ? `${start.slice(0, 10)} ${start.slice(11, 16)}` : start.slice(0, 10);
}

/** One sentence with the totals, e.g. "12 verifications in the last 24 hours: 10 valid, 2 revoked." */
export function usageSummary(series: UsageSeries, period: string): string {
  const { totals } = series;
  if (totals.total === 0) return `No verifications in ${period}.`;
  const parts = OUTCOME_SERIES.filter(({ outcome }) => totals[outcome] > 0).map(
    ({ outcome, label }) => `${number.format(totals[outcome])} ${label.toLowerCase()}`,
  );
  const noun = totals.total === 1 ? "verification" : "verifications";
  return `${number.format(totals.total)} ${noun} in ${period}: ${parts.join(", ")}.`;
}

/**
 * The chart's text alternative: the totals as a sentence, and every bucket in a table that is
 * folded away by default (a month by day is 30 rows) but open to screen readers and keyboards.
 */
export function UsageTable({
  series,
  granularity,
  period,
  testId,
}: {
  series: UsageSeries;
  granularity: "hour" | "day";
  period: string;
  testId: string;
}) {
  return (
    <div className="grid gap-2" data-testid={testId}>
      <p className="text-sm" data-testid={`${testId}-summary`}>
        {usageSummary(series, period)}
      </p>
      <details className="text-sm">
        <summary className="w-fit cursor-pointer rounded text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring">
          Show the numbers as a table
        </summary>
        {/* Focusable, so keyboard users can scroll a long table too. */}
        <div
          className="mt-2 max-h-80 overflow-auto rounded border focus-visible:outline-2 focus-visible:outline-ring"
          tabIndex={0}
          role="region"
          aria-label={`Verifications by outcome, ${period}`}
        >
          <table className="w-full text-left text-xs tabular-nums">
            <caption className="sr-only">Verifications by outcome, {period}, UTC</caption>
            <thead className="sticky top-0 bg-muted">
              <tr>
                <th scope="col" className="px-2 py-1 font-medium">
                  {granularity === "hour" ? "Hour (UTC)" : "Day (UTC)"}
                </th>
                {OUTCOME_SERIES.map(({ outcome, label }) => (
                  <th key={outcome} scope="col" className="px-2 py-1 text-right font-medium">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {series.buckets.map((bucket) => (
                <tr key={bucket.start} className="border-t">
                  <th scope="row" className="whitespace-nowrap px-2 py-1 font-normal">
                    {bucketLabel(bucket.start, granularity)}
                  </th>
                  {OUTCOME_SERIES.map(({ outcome }) => (
                    <td key={outcome} className="px-2 py-1 text-right">
                      {number.format(bucket[outcome])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t font-medium">
                <th scope="row" className="px-2 py-1">
                  Total
                </th>
                {OUTCOME_SERIES.map(({ outcome }) => (
                  <td key={outcome} className="px-2 py-1 text-right" data-testid={`${testId}-total-${outcome}`}>
                    {number.format(series.totals[outcome])}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      </details>
    </div>
  );
}
