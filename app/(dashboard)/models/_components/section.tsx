import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

type SectionProps = { id: string; title: string; description?: ReactNode; children: ReactNode };

/** One titled card per part of the page; the heading names the region for screen-reader navigation. */
export function Section({ id, title, description, children }: SectionProps) {
  return (
    <section aria-labelledby={`${id}-heading`} data-testid={`${id}-section`}>
      <Card>
        <CardHeader>
          <CardTitle id={`${id}-heading`}>{title}</CardTitle>
          {description && <CardDescription>{description}</CardDescription>}
        </CardHeader>
        <CardContent>{children}</CardContent>
      </Card>
    </section>
  );
}
