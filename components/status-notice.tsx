import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

type StatusNoticeProps = {
  /** The HTTP status the page answers with, shown small above the title. */
  status: 403 | 404;
  title: string;
  description: string;
  back: { href: string; label: string };
  "data-testid"?: string;
};

/** A refusal or a missing page, said plainly, with a way back. */
export function StatusNotice({ status, title, description, back, "data-testid": testId }: StatusNoticeProps) {
  return (
    <div
      className="flex flex-col items-center justify-center gap-3 rounded-lg border bg-card p-10 text-center"
      data-testid={testId}
    >
      <p className="text-sm font-medium text-muted-foreground">{status}</p>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-sm text-muted-foreground">{description}</p>
      <Link href={back.href} className={buttonClasses({ variant: "secondary" })}>
        {back.label}
      </Link>
    </div>
  );
}
