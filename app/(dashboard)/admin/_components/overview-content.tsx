import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { UsageChart } from "@/components/usage/usage-chart";
import { UsageTable } from "@/components/usage/usage-table";
import type { Caller } from "@/lib/auth/caller";
import { chartRanges } from "@/lib/usage/key-detail";
import { getOverview } from "@/lib/usage/overview";
import { getAdminUsage } from "@/lib/usage/service";
import { OverviewKeyList } from "./overview-key-list";
import { RevokeIdleButton } from "./revoke-idle-button";

const number = new Intl.NumberFormat("en-US");

/** The overview's numbers, chart and key lists, streamed behind the page's skeleton. */
export async function OverviewContent({ caller }: { caller: Caller }) {
  const [overview, usage] = await Promise.all([getOverview(caller), getAdminUsage(caller, chartRanges().month)]);
  const { policy } = overview;
  const stats = [
    { label: "Users", value: overview.users },
    { label: "Active keys", value: overview.keys.active },
    { label: "Revoked keys", value: overview.keys.revoked },
    { label: "Expired keys", value: overview.keys.expired },
    { label: "Verifications, 24 hours", value: overview.verifications.last_24h },
    { label: "Verifications, 30 days", value: overview.verifications.last_30d },
  ];

  return (
    <>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6" data-testid="overview-stats">
        {stats.map((stat) => (
          <div key={stat.label} className="grid gap-1 rounded-lg border bg-card p-4">
            <dt className="text-xs font-medium text-muted-foreground">{stat.label}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{number.format(stat.value)}</dd>
          </div>
        ))}
      </dl>

      <Card>
        <CardHeader>
          <CardTitle>Verifications per day</CardTitle>
          <CardDescription>All keys, the last 30 days (UTC), by outcome.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-2">
          <UsageChart buckets={usage.buckets} granularity="day" label="Verifications of all keys per day, 30 days" />
          <UsageTable series={usage} granularity="day" period="the last 30 days" testId="overview-usage" />
        </CardContent>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <OverviewKeyList
          title="Expiring soon"
          description={`Active keys that expire within ${policy.expiry_warning_days} days.`}
          keys={overview.expiring_soon}
          empty="No key expires soon."
          testId="overview-expiring"
          dateLabel="Expires"
          date={(key) => key.expires_at}
          dateEmpty="never"
        />
        <OverviewKeyList
          title="Idle"
          description={
            policy.idle_key_days > 0
              ? `Active keys unused for over ${policy.idle_key_days} days.`
              : "Idle keys are not flagged: the idle period is off in the key policies."
          }
          keys={overview.idle}
          empty="No idle keys."
          testId="overview-idle"
          dateLabel="Last used"
          date={(key) => key.last_used_at}
          dateEmpty="never"
          action={<RevokeIdleButton keyIds={overview.idle.map((key) => key.id)} idleDays={policy.idle_key_days} />}
        />
        <OverviewKeyList
          title="Never expire"
          description="Active keys without an expiry date."
          keys={overview.never_expire}
          empty="Every key expires."
          testId="overview-never-expire"
          dateLabel="Created"
          date={(key) => key.created_at}
          dateEmpty="—"
        />
        <OverviewKeyList
          title="Outside the current policy"
          description="Keys made before a stricter policy; they keep working until renewed, rolled or revoked."
          keys={overview.exceeding_policy.map((key) => ({ ...key, note: key.violations.join("; ") }))}
          empty="Every active key fits the current policy."
          testId="overview-exceeding"
          dateLabel="Expires"
          date={(key) => key.expires_at}
          dateEmpty="never"
        />
        <OverviewKeyList
          title="Most used, 30 days"
          description="The ten keys verified most often."
          keys={usage.top_keys.map((key) => ({ ...key, note: `${number.format(key.verifications)} verifications` }))}
          empty="No verifications in the last 30 days."
          testId="overview-top"
          dateLabel="Last used"
          date={(key) => key.last_used_at}
          dateEmpty="never"
        />
      </div>
    </>
  );
}
