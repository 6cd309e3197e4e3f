import type { ReactNode } from "react";
import { Sidebar, type ShellUser, type SignOutAction } from "./sidebar";

type AppShellProps = {
  user: ShellUser;
  signOutAction: SignOutAction;
  children: ReactNode;
};

/** The dashboard frame; a server component, so the route's page stays server-rendered inside it. */
export function AppShell({ user, signOutAction, children }: AppShellProps) {
  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[15rem_minmax(0,1fr)]">
      {/* First in tab order: keyboard users skip the navigation on every page. */}
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-sm font-medium text-primary-foreground focus:not-sr-only focus:fixed focus:left-3 focus:top-3"
      >
        Skip to content
      </a>
      <Sidebar user={user} signOutAction={signOutAction} />
      <main id="main" tabIndex={-1} className="min-w-0 px-4 py-6 outline-none sm:px-6 lg:px-8 lg:py-8">
        <div className="mx-auto w-full max-w-7xl">{children}</div>
      </main>
    </div>
  );
}
