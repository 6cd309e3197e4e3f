// The negative half of the key cache: hashes that were looked up and not found. Anyone can make
// well-formed keys (the checksum is public), so without this each one presented costs a database
// read. Bounded in size and time: the oldest entry goes first when full (a Map keeps insertion
// order), and an entry lapses after a short window even if no notification ever names it.

export const MISSING_KEY_TTL_MS = 10_000;
const MAX_MISSING_KEYS = 50_000;

export class MissingKeys {
  private storedAt = new Map<string, number>();

  constructor(
    private readonly ttlMs = MISSING_KEY_TTL_MS,
    private readonly maxEntries = MAX_MISSING_KEYS,
  ) {}

  has(hash: string, now = Date.now()): boolean {
    const at = this.storedAt.get(hash);
    if (at === undefined) return false;
    if (now - at <= this.ttlMs) return true;
    this.storedAt.delete(hash);
    return false;
  }

  add(hash: string, now = Date.now()): void {
    this.storedAt.delete(hash);
    if (this.storedAt.size >= this.maxEntries) {
      const oldest = this.storedAt.keys().next();
      if (!oldest.done) this.storedAt.delete(oldest.value);
    }
    this.storedAt.set(hash, now);
  }

  delete(hash: string): void {
    this.storedAt.delete(hash);
  }

  clear(): void {
    this.storedAt.clear();
  }

  get size(): number {
    return this.storedAt.size;
  }
}
