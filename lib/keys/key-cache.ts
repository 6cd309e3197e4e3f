// A per-process cache of looked-up keys, kept correct across processes by PostgreSQL
// LISTEN/NOTIFY: triggers on api_keys and users (see the key_change_notify migration) announce
// every change, and this process drops what changed. While the listening connection is down,
// nothing is cached, so a missed notification can never keep a revoked key alive.
// It lives on globalThis because server.ts and Next's route bundles load separate copies of
// this module in one process and must share one cache.
import pg from "pg";
import { config } from "@/lib/config";
import type { Role } from "@/lib/generated/prisma/enums";

export type CachedKey = {
  hash: string;
  keyId: string;
  ownerId: string;
  ownerEmail: string;
  ownerName: string;
  ownerRole: Role;
  ownerDisabled: boolean;
  scopes: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
};

export const KEY_CHANGE_CHANNEL = "keydesk_key_change";
const MAX_ENTRIES = 200_000;
// A safety net only: correctness comes from the notifications.
const ENTRY_TTL_MS = 5 * 60_000;

class KeyCache {
  private entries = new Map<string, { key: CachedKey; storedAt: number }>();
  private listener: pg.Client | null = null;
  private listening = false;
  private connecting: Promise<void> | null = null;
  private closed = false;
  // Bumped by every invalidation: a lookup that started before one must not cache what it read.
  private invalidations = 0;

  /** Take this before reading a key from the database and hand it back to set(). */
  get generation(): number {
    return this.invalidations;
  }

  get(hash: string): CachedKey | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (!this.listening || Date.now() - entry.storedAt > ENTRY_TTL_MS) {
      this.entries.delete(hash);
      return undefined;
    }
    return entry.key;
  }

  set(key: CachedKey, readAtGeneration: number): void {
    if (!this.listening) {
      void this.listen();
      return;
    }
    // A change landed while the row was being read: the row may be stale, so it is not kept.
    if (readAtGeneration !== this.invalidations) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key.hash, { key, storedAt: Date.now() });
  }

  /** Applies one notification payload: a key hash, `user:<id>`, or `*` for everything. */
  invalidate(payload: string): void {
    this.invalidations++;
    if (payload === "*") return this.entries.clear();
    if (payload.startsWith("user:")) {
      const ownerId = payload.slice(5);
      for (const [hash, entry] of this.entries) if (entry.key.ownerId === ownerId) this.entries.delete(hash);
      return;
    }
    this.entries.delete(payload);
  }

  get size(): number {
    return this.entries.size;
  }

  listen(): Promise<void> {
    if (this.listening || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: config().DATABASE_URL });
    const lost = () => {
      this.listening = false;
      this.invalidations++;
      this.entries.clear();
      if (this.listener === client) this.listener = null;
    };
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", (message) => this.invalidate(message.payload ?? "*"));
    try {
      await client.connect();
      await client.query(`LISTEN ${KEY_CHANGE_CHANNEL}`);
      if (this.closed) return void (await client.end());
      this.listener = client;
      this.listening = true;
    } catch {
      lost();
      await client.end().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    this.entries.clear();
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }
}

const globalForCache = globalThis as unknown as { keydeskKeyCache?: KeyCache };

export function keyCache(): KeyCache {
  globalForCache.keydeskKeyCache ??= new KeyCache();
  return globalForCache.keydeskKeyCache;
}
