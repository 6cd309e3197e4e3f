import type { ComponentProps } from "react";
import { cn } from "./cn";

/** A placeholder block for loading.tsx files; hidden from assistive tech, which gets the page's own status text. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-muted", className)} {...props} />;
}
