"use client";

import { createContext, use, type ReactNode } from "react";
import type { WarningPolicy } from "@/lib/usage/warnings";

export type RevealRequest = { secret: string; title: string; description?: ReactNode };

type KeysContextValue = {
  /** Whose keys the table shows: the signed-in user on /keys, any user on /admin/users/[id]. */
  ownerId: string;
  /** Hands a fresh secret to the panel's one show-once reveal; nothing else may keep it. */
  reveal: (request: RevealRequest) => void;
  /** When keys are flagged as expiring soon or idle (the key policies); no flags without it. */
  warningPolicy?: WarningPolicy;
};

/**
 * Row actions render inside module-scope column definitions (TanStack v9 caches on them),
 * so what they need from the panel reaches them through context instead of props.
 */
export const KeysContext = createContext<KeysContextValue | null>(null);

export function useKeysContext(): KeysContextValue {
  const value = use(KeysContext);
  if (!value) throw new Error("useKeysContext must be used inside <KeysPanel>");
  return value;
}
