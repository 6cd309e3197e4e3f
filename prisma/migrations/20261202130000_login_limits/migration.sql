-- Sign-in limits (SPEC §8): one row per counter ('account:<email>' or 'ip:<address>'), a fixed
-- window each. Every app process consumes from the same rows with one atomic statement, so the
-- limits hold across instances and under concurrent attempts.
CREATE TABLE "login_limits" (
    "key" TEXT NOT NULL,
    "hits" INTEGER NOT NULL DEFAULT 0,
    "reset_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "login_limits_pkey" PRIMARY KEY ("key")
);

-- timestamptz: compared with now() whatever the session time zone. Ended windows are swept by reset time.
CREATE INDEX "login_limits_reset_at_idx" ON "login_limits"("reset_at");
