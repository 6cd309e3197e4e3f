-- Verification counts per key and hour (SPEC §2 KeyUsage), one column per outcome so a flush
-- upserts one row per key and hour. Written by lib/usage/counter.ts at most once a minute per
-- process; rows older than USAGE_RETENTION_DAYS are pruned by the app.

-- CreateTable
CREATE TABLE "key_usage" (
    "key_id" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "valid" INTEGER NOT NULL DEFAULT 0,
    "revoked" INTEGER NOT NULL DEFAULT 0,
    "expired" INTEGER NOT NULL DEFAULT 0,
    "owner_disabled" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "key_usage_pkey" PRIMARY KEY ("key_id","hour")
);

-- CreateIndex
CREATE INDEX "key_usage_hour_idx" ON "key_usage"("hour");

-- AddForeignKey
ALTER TABLE "key_usage" ADD CONSTRAINT "key_usage_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;
