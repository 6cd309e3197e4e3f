import type { Metadata } from "next";
import { LoginForm } from "./_components/login-form";

export const metadata: Metadata = { title: "Sign in" };

/** The proxy passes an absolute URL; only its path is kept, so a crafted link cannot send people elsewhere. */
function returnPath(callbackUrl: string | string[] | undefined): string {
  if (typeof callbackUrl !== "string") return "/";
  try {
    const url = new URL(callbackUrl, "http://keydesk.invalid");
    return url.pathname.startsWith("/login") ? "/" : `${url.pathname}${url.search}`;
  } catch {
    return "/";
  }
}

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const { callbackUrl } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      <div className="w-full max-w-sm rounded-xl border border-border bg-background p-8 shadow-sm">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to Keydesk</h1>
        <p className="mt-1 text-sm text-muted-foreground">API keys and model settings for your team.</p>
        <LoginForm callbackUrl={returnPath(callbackUrl)} />
      </div>
    </main>
  );
}
