"use client";

import { lazy, Suspense, type ComponentProps, type ComponentType } from "react";

/**
 * A component whose code loads when it first renders. Its own Suspense boundary keeps the
 * page's (the table's skeleton) from taking over meanwhile, which would also drop the focus
 * of the button that opened it.
 */
function lazyDialog<P extends object>(load: () => Promise<ComponentType<P>>) {
  const Lazy = lazy(async () => ({ default: await load() }));
  function LazyDialog(props: P) {
    return (
      <Suspense fallback={null}>
        <Lazy {...(props as ComponentProps<typeof Lazy>)} />
      </Suspense>
    );
  }
  return LazyDialog;
}

// The keys table's dialogs (with the form library, zod and Radix Dialog) load when one first
// opens, so the table's first load carries none of them.
export const CreateKeyDialog = lazyDialog(() => import("./create-key-dialog").then((module) => module.CreateKeyDialog));
export const RenameKeyDialog = lazyDialog(() => import("./rename-key-dialog").then((module) => module.RenameKeyDialog));
export const RollKeyDialog = lazyDialog(() => import("./roll-key-dialog").then((module) => module.RollKeyDialog));
export const ConfirmDialog = lazyDialog(() =>
  import("@/components/confirm-dialog").then((module) => module.ConfirmDialog),
);
export const RevealSecretDialog = lazyDialog(() =>
  import("@/components/reveal-secret-dialog").then((module) => module.RevealSecretDialog),
);
