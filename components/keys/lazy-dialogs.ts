"use client";

import dynamic from "next/dynamic";

// The keys table's dialogs (with the form library, zod and Radix Dialog) load when one first
// opens, so the table's first load carries none of them.
export const CreateKeyDialog = dynamic(() => import("./create-key-dialog").then((module) => module.CreateKeyDialog));
export const RenameKeyDialog = dynamic(() => import("./rename-key-dialog").then((module) => module.RenameKeyDialog));
export const RollKeyDialog = dynamic(() => import("./roll-key-dialog").then((module) => module.RollKeyDialog));
export const ConfirmDialog = dynamic(() =>
  import("@/components/confirm-dialog").then((module) => module.ConfirmDialog),
);
export const RevealSecretDialog = dynamic(() =>
  import("@/components/reveal-secret-dialog").then((module) => module.RevealSecretDialog),
);
