import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell/app-shell";
import { signOutAction } from "@/lib/auth/actions";
import { requireUser } from "@/lib/auth/session";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <AppShell user={{ email: user.email, name: user.name, role: user.role }} signOutAction={signOutAction}>
      {children}
    </AppShell>
  );
}
