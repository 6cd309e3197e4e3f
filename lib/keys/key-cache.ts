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
// Payloads `sync:<token>` are this module's own echoes (see echo()), not invalidations;
// `new:<hash>` announces a created key, which only the negative cache cares about.
const SYNC_PREFIX = "sync:";
const CREATED_PREFIX = "new:";
// The cache answers only while this process has lately heard its own echo: an echo sent at time s
// that has come back proves every change committed before s has been heard here (one connection,
// commit order). A change's call returns TRUST_WINDOW_MS after its commit, so any instance still
// answering from memory by then has heard an echo sent after that commit, and so the change. A
// listener that died without a word, or a backend too slow to deliver, stops the cache in time.
// The wait is paid only while other instances are about (their heartbeats are heard here).
const HEARTBEAT_MS = 50;
export const TRUST_WINDOW_MS = 300;
const OTHERS_MEMORY_MS = 60_000;

// A change is committed before anyone waits on an echo; if it is lost, the call still returns.
const SYNC_TIMEOUT_MS = 2_000;

/** What a lookup saw before reading the database; set() and setMissing() refuse reads it outdates. */
export type ReadStamp = { changes: number; creations: number };

class KeyCache {
  private entries = new Map<string, { key: CachedKey; storedAt: number }>();
  private missing = new MissingKeys();
  private pendingEchoes = new Map<string, () => void>();
  // A heartbeat's echo and a change's can overlap. pg runs a query sent while another is running
  // on the same client after it, but warns that pg@9 will not: they take turns here instead.
  private listenerTurn: Promise<unknown> = Promise.resolve();
  private listener: pg.Client | null = null;
  private listening = false;
  private connecting: Promise<void> | null = null;
  private closed = false;
  // Bumped by every invalidation: a lookup that started before one must not cache what it read.
  // Creations have their own count, so the insert of one key does not stop others being cached.
  private invalidations = 0;
  private creations = 0;
  // performance.now() at which the latest echo that has come back was sent.
  private heardUpTo = -Infinity;
  private heartbeat: NodeJS.Timeout | null = null;
  private beating = false;
  private readonly instanceId = randomUUID();
  private othersHeardAt = -Infinity;

  /** Take this before reading a key from the database and hand it back to set() or setMissing(). */
  stamp(): ReadStamp {
    return { changes: this.invalidations, creations: this.creations };
  }

  /** Listening, and heard from within the trust window (see TRUST_WINDOW_MS). */
  private get trusted(): boolean {
    return this.listening && performance.now() - this.heardUpTo <= TRUST_WINDOW_MS;
  }

  get(hash: string): CachedKey | undefined {
    const entry = this.entries.get(hash);
    if (!entry || !this.trusted) return undefined;
    if (Date.now() - entry.storedAt > ENTRY_TTL_MS) {
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
    return this.trusted && this.missing.has(hash);
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
    if (payload.startsWith(SYNC_PREFIX)) {
      if (!payload.startsWith(`${SYNC_PREFIX}${this.instanceId}:`)) this.othersHeardAt = performance.now();
      return this.pendingEchoes.get(payload)?.();
    }
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
   * Drops the entry here at once, then returns once a token NOTIFYed after the change committed has
   * come back through this process's LISTEN connection and, when other instances are about, the
   * trust window has passed since the commit: from then on no instance answers from before the
   * change (see TRUST_WINDOW_MS).
   * Mutations await this after their commit, so a revoke holds everywhere once its call returns.
   */
  async invalidateEverywhere(payload: string): Promise<void> {
    const committedBy = performance.now();
    this.invalidate(payload);
    await this.listen();
    await this.echo();
    // Any instance whose heartbeat committed before the change has been heard by the echo's return.
    if (performance.now() - this.othersHeardAt > OTHERS_MEMORY_MS) return;
    const left = committedBy + TRUST_WINDOW_MS - performance.now();
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }

  /** NOTIFYs a fresh token and resolves true when this process's listener has heard it back. */
  private async echo(): Promise<boolean> {
    const listener = this.listener;
    if (!this.listening || !listener) return false;
    const token = `${SYNC_PREFIX}${this.instanceId}:${randomUUID()}`;
    let timer: NodeJS.Timeout | undefined;
    const echoed = new Promise<boolean>((resolve) => {
      this.pendingEchoes.set(token, () => resolve(this.listening && this.listener === listener));
      timer = setTimeout(() => resolve(false), SYNC_TIMEOUT_MS);
    });
    try {
      const sent = this.listenerTurn.then(() =>
        listener.query("SELECT pg_notify($1, $2)", [KEY_CHANGE_CHANNEL, token]),
      );
      this.listenerTurn = sent.catch(() => undefined);
      await sent;
      return await echoed;
    } catch {
      // The listener failed: its loss handler has emptied this cache.
      return false;
    } finally {
      clearTimeout(timer);
      this.pendingEchoes.delete(token);
    }
  }

  private async beat(): Promise<void> {
    // One at a time: a slow database must not pile heartbeats up.
    if (this.beating) return;
    this.beating = true;
    const sentAt = performance.now();
    if (await this.echo()) this.heardUpTo = Math.max(this.heardUpTo, sentAt);
    this.beating = false;
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
      this.stopHeartbeat();
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
      this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
      // Timers must not keep a CLI command or a test process alive.
      this.heartbeat.unref();
      await this.beat();
    } catch {
      lost();
      await client.end().catch(() => undefined);
    }
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.heardUpTo = -Infinity;
  }

  private forgetAll(): void {
    this.invalidations++;
    this.entries.clear();
    this.missing.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    this.stopHeartbeat();
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
