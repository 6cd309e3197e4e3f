-- Providers with several credential fields keep the non-secret ones (region, endpoint, reference
-- id, …) in clear beside the sealed secrets; every provider remembers its last check.
ALTER TABLE "model_providers" ADD COLUMN "credential_settings" JSONB,
ADD COLUMN "last_checked_at" TIMESTAMP(3),
ADD COLUMN "last_check_ok" BOOLEAN,
ADD COLUMN "last_check_message" TEXT;
