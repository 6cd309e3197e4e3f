-- Key policies (SPEC §2 Settings): at most one row, id 1. A fresh database has none, and the
-- service answers from KEY_DEFAULT_TTL_DAYS / KEY_ALLOW_NO_EXPIRY; the first save by an admin
-- writes the row, and from then on the saved values win.

-- CreateTable
CREATE TABLE "settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "key_default_ttl_days" INTEGER NOT NULL,
    "key_max_ttl_days" INTEGER NOT NULL,
    "key_allow_no_expiry" BOOLEAN NOT NULL,
    "user_grantable_scopes" TEXT[],
    "users_can_create_keys" BOOLEAN NOT NULL,
    "idle_key_days" INTEGER NOT NULL,
    "expiry_warning_days" INTEGER NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "settings_single_row" CHECK ("id" = 1),
    CONSTRAINT "settings_default_within_max" CHECK ("key_default_ttl_days" <= "key_max_ttl_days")
);
