-- Signing out ends the session on the server too (SPEC §8), not only in the browser that signed
-- out: a copy of the token (a request in flight that renews the cookie, another tab, a stolen
-- cookie) is refused once its session id is listed here.
CREATE TABLE "ended_sessions" (
    "id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ended_sessions_pkey" PRIMARY KEY ("id")
);
