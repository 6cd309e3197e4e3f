import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** Rendered inside the dashboard's shell, whose <main> already holds it: a second one would nest landmarks. */
export default function Forbidden() {
  return (
    <div
      className="flex flex-col items-center justify-center gap-3 rounded-lg border bg-card p-10 text-center"
      data-testid="forbidden"
    >
      <p className="text-sm font-medium text-muted-foreground">403</p>
      <h1 className="text-2xl font-semibold">You don&apos;t have access to this page</h1>
      <p className="text-sm text-muted-foreground">
        It is for administrators. Ask one if you need something done here.
      </p>
      <Link href="/keys" className={buttonClasses({ variant: "secondary" })}>
        Back to your keys
      </Link>
    </div>
  );
}
