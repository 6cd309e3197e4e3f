import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** An unknown, deleted or someone else's key: all read the same, so none is revealed. */
export default function KeyNotFound() {
  return (
    <div
      className="flex flex-col items-center gap-3 rounded-lg border bg-card p-10 text-center"
      data-testid="key-not-found"
    >
      <p className="text-sm font-medium text-muted-foreground">404</p>
      <h1 className="text-xl font-semibold">Key not found</h1>
      <p className="text-sm text-muted-foreground">No key of yours has this id. It may have been deleted.</p>
      <Link href="/keys" className={buttonClasses({ variant: "secondary" })}>
        Back to keys
      </Link>
    </div>
  );
}
