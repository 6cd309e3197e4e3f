"use client";

import { useMemo, useState } from "react";
import { KeyRowActions } from "@/components/keys/key-row-actions";
import { KeysContext, type RevealRequest } from "@/components/keys/keys-context";
import { RevealSecretDialog } from "@/components/reveal-secret-dialog";
import type { KeyDto } from "@/lib/keys/dto";

/**
 * The keys table's row actions on the key page: the same menu and dialogs, with the one
 * show-once reveal a roll needs. The secret lives only in this component's state.
 */
export function KeyPageActions({ apiKey, ownerId }: { apiKey: KeyDto; ownerId: string }) {
  const [revealed, setRevealed] = useState<RevealRequest | null>(null);
  const context = useMemo(() => ({ ownerId, reveal: setRevealed }), [ownerId]);
  return (
    <KeysContext value={context}>
      <KeyRowActions apiKey={apiKey} />
      <RevealSecretDialog
        secret={revealed?.secret ?? null}
        title={revealed?.title ?? ""}
        description={revealed?.description}
        onClose={() => setRevealed(null)}
      />
    </KeysContext>
  );
}
