import type { Metadata } from "next";
import { FormError } from "@/components/ui/form-error";
import { oidcRefusalMessage } from "@/lib/auth/oidc-refusals";
import { config } from "@/lib/config";
import { LoginForm } from "./_components/login-form";
import { SsoButton } from "./_components/sso-button";

export const metadata: Metadata = { title: "Sign in" };

// "/" lands each role on its own start page (lib/auth/landing.ts).
const LANDING = "/";

/** The proxy passes an absolute URL; only its path is kept, so a crafted link cannot send people elsewhere. */
function returnPath(callbackUrl: string | string[] | undefined): string {
  if (typeof callbackUrl !== "string") return LANDING;
  try {
    const url = new URL(callbackUrl, "http://keydesk.invalid");
    return url.pathname.startsWith("/login") ? LANDING : `${url.pathname}${url.search}`;
  } catch {
    return LANDING;
  }
}

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const { callbackUrl, error, code } = await searchParams;
  const settings = config();
  // Password failures are the form's own messages; `?error=` here is single sign-on's outcome.
  const ssoError =
    typeof error === "string" && error !== "CredentialsSignin" && code === undefined
      ? oidcRefusalMessage(error)
      : undefined;
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      <div className="w-full max-w-sm rounded-xl border border-border bg-background p-8 shadow-sm">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to Keydesk</h1>
        <p className="mt-1 text-sm text-muted-foreground">API keys and model settings for your team.</p>
        {ssoError ? (
          <div className="mt-6">
            <FormError message={ssoError} testId="sso-error" />
          </div>
        ) : null}
        {settings.AUTH_OIDC_ISSUER ? (
          <>
            <SsoButton label={settings.AUTH_OIDC_NAME} callbackUrl={returnPath(callbackUrl)} />
            <p className="mt-6 text-center text-xs text-muted-foreground">or with your email and password</p>
          </>
        ) : null}
        <LoginForm callbackUrl={returnPath(callbackUrl)} />
      </div>
    </main>
  );
}
