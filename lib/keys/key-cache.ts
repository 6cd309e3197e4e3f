// A per-process cache of looked-up keys (and of hashes not found), kept correct across processes
// by PostgreSQL LISTEN/NOTIFY: triggers on api_keys and users (see the key_change_notify
// migrations) announce every change, and this process drops what changed. While the listening
// connection is down, nothing is cached, and when it comes back the cache starts empty, so a
// missed notification can never keep a revoked key alive.
// It lives on globalThis because server.ts and Next's route bundles load separate copies of
// this module in one process and must share one cache.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { config } from "@/lib/config";
import { DB_CONNECT_TIMEOUT_MS } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { MissingKeys } from "@/lib/keys/missing-keys";

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
export const LISTENER_APPLICATION_NAME = "keydesk-key-cache-listener";
const MAX_ENTRIES = 200_000;
// A safety net only: correctness comes from the notifications.
const ENTRY_TTL_MS = 5 * 60_000;
// Payloads `sync:<token>` are this module's own echoes (see invalidateEverywhere()), not
// invalidations; `new:<hash>` announces a created key, which only the negative cache cares about.
const SYNC_PREFIX = "sync:";
const CREATED_PREFIX = "new:";

/** What a lookup saw before reading the database; set() and setMissing() refuse reads it outdates. */
export type ReadStamp = { changes: number; creations: number };
// A change is committed before published() waits; if its echo is lost, the call still returns.
const SYNC_TIMEOUT_MS = 2_000;

class KeyCache {
  private entries = new Map<string, { key: CachedKey; storedAt: number }>();
  private missing = new MissingKeys();
  private pendingEchoes = new Map<string, () => void>();
  private listener: pg.Client | null = null;
  private listening = false;
  private connecting: Promise<void> | null = null;
  private closed = false;
  // Bumped by every invalidation: a lookup that started before one must not cache what it read.
  // Creations have their own count, so the insert of one key does not stop others being cached.
  private invalidations = 0;
  private creations = 0;

  /** Take this before reading a key from the database and hand it back to set() or setMissing(). */
  stamp(): ReadStamp {
    return { changes: this.invalidations, creations: this.creations };
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

  set(key: CachedKey, readAt: ReadStamp): void {
    if (!this.listening) {
      void this.listen();
      return;
    }
    // A change landed while the row was being read: the row may be stale, so it is not kept.
    if (readAt.changes !== this.invalidations) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key.hash, { key, storedAt: Date.now() });
  }

  /** True when this hash was looked up and not found within the last few seconds. */
  isMissing(hash: string): boolean {
    return this.listening && this.missing.has(hash);
  }

  /** Remembers a hash that was not found, under the same rule as set(). */
  setMissing(hash: string, readAt: ReadStamp): void {
    if (!this.listening) {
      void this.listen();
      return;
    }
    if (readAt.changes === this.invalidations && readAt.creations === this.creations) this.missing.add(hash);
  }

  /** Applies one notification payload: a key hash, `user:<id>`, or `*` for everything. */
  invalidate(payload: string): void {
    if (payload.startsWith(SYNC_PREFIX)) return this.pendingEchoes.get(payload)?.();
    if (payload.startsWith(CREATED_PREFIX)) {
      this.creations++;
      return this.missing.delete(payload.slice(CREATED_PREFIX.length));
    }
    this.invalidations++;
    this.missing.delete(payload);
    if (payload === "*") {
      this.missing.clear();
      return this.entries.clear();
    }
    if (payload.startsWith("user:")) {
      const ownerId = payload.slice(5);
      for (const [hash, entry] of this.entries) if (entry.key.ownerId === ownerId) this.entries.delete(hash);
      return;
    }
    this.entries.delete(payload);
  }

  /**
   * Drops the entry here at once, then returns when a token NOTIFYed after the change committed has
   * come back through this process's LISTEN connection. PostgreSQL queues notifications in commit
   * order and signals every listening backend at commit, so by then the change's own notification
   * (from the trigger) has been delivered here and sent to every other instance's listener.
   * Mutations await this before they answer: a revoke holds everywhere once its call returns.
   */
  async invalidateEverywhere(payload: string): Promise<void> {
    this.invalidate(payload);
    await this.listen();
    const listener = this.listener;
    // Not listening: this process caches nothing, and the others hear the trigger regardless.
    if (!this.listening || !listener) return;
    const token = `${SYNC_PREFIX}${randomUUID()}`;
    let timer: NodeJS.Timeout | undefined;
    const echoed = new Promise<void>((resolve) => {
      this.pendingEchoes.set(token, resolve);
      timer = setTimeout(resolve, SYNC_TIMEOUT_MS);
    });
    try {
      await listener.query("SELECT pg_notify($1, $2)", [KEY_CHANGE_CHANNEL, token]);
      await echoed;
    } catch {
      // The listener failed: its loss handler has emptied this cache.
    } finally {
      clearTimeout(timer);
      this.pendingEchoes.delete(token);
    }
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
    const client = new pg.Client({
      connectionString: config().DATABASE_URL,
      connectionTimeoutMillis: DB_CONNECT_TIMEOUT_MS,
      // Named, per process, so an operator (or a fault test) can find it in pg_stat_activity.
      application_name: `${LISTENER_APPLICATION_NAME} pid ${process.pid}`,
    });
    const lost = () => {
      this.listening = false;
      this.forgetAll();
      for (const release of this.pendingEchoes.values()) release();
      if (this.listener === client) this.listener = null;
    };
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", (message) => this.invalidate(message.payload ?? "*"));
    try {
      await client.connect();
      await client.query(`LISTEN ${KEY_CHANGE_CHANNEL}`);
      if (this.closed) return void (await client.end());
      // Whatever was read while no one listened (a lookup still in flight) may predate a change
      // this process never heard of: start from nothing.
      this.forgetAll();
      this.listener = client;
      this.listening = true;
    } catch {
      lost();
      await client.end().catch(() => undefined);
    }
  }

  private forgetAll(): void {
    this.invalidations++;
    this.entries.clear();
    this.missing.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    this.forgetAll();
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }
}

const globalForCache = globalThis as unknown as { keydeskKeyCache?: KeyCache };

export function keyCache(): KeyCache {
  globalForCache.keydeskKeyCache ??= new KeyCache();
  return globalForCache.keydeskKeyCache;
}
