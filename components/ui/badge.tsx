import type { ComponentProps } from "react";
import { cn } from "./cn";

export type BadgeVariant = "neutral" | "primary" | "success" | "warning" | "danger";

// 12 % tints keep the coloured text above 4.5:1 contrast in both themes (see globals.css).
const variantClasses: Record<BadgeVariant, string> = {
  neutral: "border-border bg-muted text-muted-foreground",
  primary: "border-primary/30 bg-primary/12 text-primary",
  success: "border-success/30 bg-success/12 text-success",
  warning: "border-warning/30 bg-warning/12 text-warning",
  danger: "border-danger/30 bg-danger/12 text-danger",
};

type BadgeProps = ComponentProps<"span"> & { variant?: BadgeVariant };

export function Badge({ variant = "neutral", className, ...props }: BadgeProps) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium",
        variantClasses[variant],
        className,
      )}
      {...props}
    />
  );
}

export type KeyStatus = "active" | "revoked" | "expired";

const statusBadges: Record<KeyStatus | "disabled", { variant: BadgeVariant; label: string }> = {
  active: { variant: "success", label: "Active" },
  revoked: { variant: "danger", label: "Revoked" },
  expired: { variant: "warning", label: "Expired" },
  disabled: { variant: "neutral", label: "Disabled" },
};

/** Key status (and a user's "disabled" state); the label is text, so colour is never the only cue. */
export function StatusBadge({ status, className }: { status: KeyStatus | "disabled"; className?: string }) {
  const { variant, label } = statusBadges[status];
  return (
    <Badge variant={variant} className={className} data-status={status}>
      {label}
    </Badge>
  );
}

export function RoleBadge({ role, className }: { role: "ADMIN" | "USER"; className?: string }) {
  return (
    <Badge variant={role === "ADMIN" ? "primary" : "neutral"} className={className}>
      {role === "ADMIN" ? "Admin" : "User"}
    </Badge>
  );
}
