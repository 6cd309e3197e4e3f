import type { ReactNode } from "react";

type PageHeaderProps = {
  title: ReactNode;
  description?: ReactNode;
  /** Above the title, e.g. a link back to the list. */
  back?: ReactNode;
};

/** A page's h1 and its lead paragraph; every dashboard page starts with one. */
export function PageHeader({ title, description, back }: PageHeaderProps) {
  return (
    <header className="grid gap-1">
      {back}
      <h1 className="text-2xl font-semibold tracking-tight [overflow-wrap:anywhere]">{title}</h1>
      {description && <p className="max-w-3xl text-sm text-muted-foreground">{description}</p>}
    </header>
  );
}
