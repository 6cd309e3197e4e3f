"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, useState } from "react";
import { useFormStatus } from "react-dom";
import { ThemeToggle } from "@/components/theme-toggle";
import { RoleBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

export type ShellUser = { email: string; name: string; role: "ADMIN" | "USER" };

/** A server action (e.g. one calling next-auth's signOut); it runs from a plain <form>, so it works before hydration. */
export type SignOutAction = (formData: FormData) => void | Promise<void>;

type SidebarProps = { user: ShellUser; signOutAction: SignOutAction };

const links = [
  { href: "/admin", label: "Overview", adminOnly: true },
  { href: "/keys", label: "Keys", adminOnly: false },
  { href: "/models", label: "Models", adminOnly: false },
  { href: "/admin/users", label: "Users", adminOnly: true },
  { href: "/admin/audit", label: "Audit", adminOnly: true },
  { href: "/admin/settings", label: "Key policies", adminOnly: true },
] as const;

function isCurrent(pathname: string, href: string): boolean {
  // /admin/users/<id> still belongs to Users; /admin itself (the overview) owns none of its sub-pages.
  return pathname === href || (href !== "/admin" && pathname.startsWith(`${href}/`));
}

/**
 * The site header: a left column from `lg` up, a top bar with a disclosure menu below it.
 * Admin links are hidden for other roles; the pages themselves still check the role.
 */
export function Sidebar({ user, signOutAction }: SidebarProps) {
  const pathname = usePathname();
  const [menuOpen, setMenuOpen] = useState(false);
  const [lastPathname, setLastPathname] = useState(pathname);
  const menuId = useId();

  // Following a link on a phone should reveal the page, not leave the menu over it.
  if (pathname !== lastPathname) {
    setLastPathname(pathname);
    setMenuOpen(false);
  }

  const visibleLinks = links.filter((link) => !link.adminOnly || user.role === "ADMIN");

  return (
    <header className="flex flex-col border-b bg-card lg:sticky lg:top-0 lg:h-dvh lg:border-r lg:border-b-0">
      <div className="flex h-14 shrink-0 items-center justify-between gap-2 px-4">
        <Link
          href="/keys"
          className="rounded text-base font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-ring"
        >
          Keydesk
        </Link>
        <div className="flex items-center gap-1 lg:hidden">
          <ThemeToggle />
          <Button
            variant="ghost"
            size="icon"
            aria-expanded={menuOpen}
            aria-controls={menuId}
            aria-label={menuOpen ? "Close menu" : "Open menu"}
            onClick={() => setMenuOpen((open) => !open)}
          >
            <svg viewBox="0 0 16 16" aria-hidden="true" className="size-4">
              <path
                d={menuOpen ? "M4 4l8 8M12 4l-8 8" : "M2.5 4h11M2.5 8h11M2.5 12h11"}
                stroke="currentColor"
                strokeWidth="1.5"
                strokeLinecap="round"
              />
            </svg>
          </Button>
        </div>
      </div>

      <div id={menuId} className={cn("min-h-0 flex-1 flex-col", menuOpen ? "flex" : "hidden", "lg:flex")}>
        <nav aria-label="Main" className="flex-1 overflow-y-auto px-3 py-2">
          <ul className="grid gap-0.5">
            {visibleLinks.map((link) => {
              const current = isCurrent(pathname, link.href);
              return (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    aria-current={current ? "page" : undefined}
                    className={cn(
                      "flex h-9 items-center rounded-md px-3 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-ring",
                      current
                        ? "bg-primary/12 text-primary"
                        : "text-muted-foreground hover:bg-muted hover:text-foreground",
                    )}
                  >
                    {link.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>

        <div className="grid gap-3 border-t p-4">
          <div className="grid min-w-0 gap-1">
            <div className="flex items-center gap-2">
              <span className="truncate text-sm font-medium" title={user.name}>
                {user.name}
              </span>
              <RoleBadge role={user.role} />
            </div>
            <span
              className="truncate text-xs text-muted-foreground"
              title={user.email}
              data-testid="current-user-email"
            >
              {user.email}
            </span>
          </div>
          <div className="flex items-center justify-between gap-2">
            <form action={signOutAction}>
              <SignOutButton />
            </form>
            {/* Below lg the toggle sits in the top bar instead. */}
            <div className="hidden lg:block">
              <ThemeToggle />
            </div>
          </div>
        </div>
      </div>
    </header>
  );
}

function SignOutButton() {
  // useFormStatus reads the enclosing <form>, so the action's pending state needs no prop.
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant="secondary" size="sm" pending={pending}>
      Sign out
    </Button>
  );
}
