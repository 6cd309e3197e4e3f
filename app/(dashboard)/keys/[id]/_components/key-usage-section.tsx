import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { UsageChart } from "@/components/usage/usage-chart";
import { UsageTable } from "@/components/usage/usage-table";
import type { UsageSeries } from "@/lib/usage/series";

type Props = { day: UsageSeries; month: UsageSeries };

/** The key's verifications by outcome: the last 24 hours by hour and the last 30 days by day. */
export function KeyUsageSection({ day, month }: Props) {
  return (
    <Card>
      <CardHeader>
        <CardTitle id="key-usage-heading">Verifications</CardTitle>
        <CardDescription>
          Counted per hour (UTC) by each Keydesk process and written about once a minute, so the latest minute may not
          show yet.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="usage-day-heading" className="grid min-w-0 content-start gap-2">
          <h3 id="usage-day-heading" className="text-sm font-semibold">
            Last 24 hours, by hour
          </h3>
          <UsageChart buckets={day.buckets} granularity="hour" label="Verifications in the last 24 hours by hour" />
          <UsageTable series={day} granularity="hour" period="the last 24 hours" testId="usage-day" />
        </section>
        <section aria-labelledby="usage-month-heading" className="grid min-w-0 content-start gap-2">
          <h3 id="usage-month-heading" className="text-sm font-semibold">
            Last 30 days, by day
          </h3>
          <UsageChart buckets={month.buckets} granularity="day" label="Verifications in the last 30 days by day" />
          <UsageTable series={month} granularity="day" period="the last 30 days" testId="usage-month" />
        </section>
      </CardContent>
    </Card>
  );
}
