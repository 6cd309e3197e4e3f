"use client";

import { Toaster as Sonner } from "sonner";

/**
 * Sonner's toaster in the app's own tokens: unstyled, so the theme (data-theme or the OS
 * preference) and the contrast of globals.css apply as everywhere else. Mount it once.
 */
export function Toaster() {
  return (
    <Sonner
      position="bottom-right"
      closeButton
      toastOptions={{
        unstyled: true,
        classNames: {
          toast:
            "group flex w-full items-start gap-3 rounded-lg border bg-card p-4 text-sm text-foreground shadow-lg sm:w-(--width)",
          title: "font-semibold group-data-[type=success]:text-success group-data-[type=error]:text-danger",
          description: "text-muted-foreground",
          closeButton:
            "absolute right-2 top-2 rounded p-0.5 text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring [&_svg]:size-3.5",
          icon: "mt-0.5 group-data-[type=success]:text-success group-data-[type=error]:text-danger",
        },
      }}
    />
  );
}
