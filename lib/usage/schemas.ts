import { z } from "zod";

export const GRANULARITIES = ["hour", "day"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

// At most ~750 buckets in one answer: a month by hour, two years by day.
const MAX_RANGE_DAYS: Record<Granularity, number> = { hour: 31, day: 731 };
const DAY_MS = 86_400_000;

/** GET /keys/{id}/usage and GET /admin/usage: a time range (default the last 24 hours) and a bucket size. */
export const usageQuerySchema = z
  .strictObject({
    from: z.iso.datetime({ offset: true, error: "An ISO time, e.g. 2026-12-01T00:00:00Z" }).optional(),
    to: z.iso.datetime({ offset: true, error: "An ISO time, e.g. 2026-12-02T00:00:00Z" }).optional(),
    granularity: z.enum(GRANULARITIES, { error: "hour or day" }).default("hour"),
  })
  .transform((query) => {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - DAY_MS);
    return { from, to, granularity: query.granularity };
  })
  .superRefine((query, context) => {
    if (query.from >= query.to) context.addIssue({ code: "custom", path: ["from"], message: "from must be before to" });
    const limit = MAX_RANGE_DAYS[query.granularity];
    if (query.to.getTime() - query.from.getTime() > limit * DAY_MS)
      context.addIssue({ code: "custom", path: ["to"], message: `At most ${limit} days by ${query.granularity}` });
  });
export type UsageQuery = z.output<typeof usageQuerySchema>;
