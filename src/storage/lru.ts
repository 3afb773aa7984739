// A map that keeps at most `capacity` worth of entries, dropping the least recently used: the caches
// in front of SQLite stay bounded however many groups and members a bot has seen, and an evicted
// entry is only read again from the database. With a `weigh` function the capacity is in bytes
// (an estimate of what an entry holds on the heap), else in entries.
//
// Recency is kept the CLOCK way (a second chance): a hit only marks the entry; eviction passes
// over marked entries once, moving them to the back. A hit costs a lookup, not a reordering, and
// the hot path makes several a message.

export interface CacheStats {
  entries: number;
  /** Estimated bytes held, where entries are weighed. */
  bytes?: number;
  hits: number;
  misses: number;
  evictions: number;
}

/** What a string costs on V8's heap, roughly: a header and up to two bytes a character. */
export const stringBytes = (s: string) => 16 + 2 * s.length;

/**
 * Second chances one insertion may give before it evicts a used entry anyway. Unbounded, an
 * insertion into a cache whose entries had all been used passed over every one of them: 15,000
 * member rows, 60–90 ms for one message.
 */
const SECOND_CHANCES = 32;

/** The figures of a cache not made yet. */
export const EMPTY_CACHE: CacheStats = { entries: 0, bytes: 0, hits: 0, misses: 0, evictions: 0 };

export class LruMap<K, V> {
  private readonly map = new Map<K, V>();
  /** Entries used since eviction last passed them. */
  private readonly used = new Set<K>();
  private readonly weights?: Map<K, number>;
  private total = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(
    private readonly capacity: number,
    private readonly weigh?: (key: K, value: V) => number,
  ) {
    if (weigh) this.weights = new Map();
  }

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.used.add(key);
    return value;
  }

  /** The value without counting a use (a write that only compares). */
  peek(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): void {
    this.delete(key);
    this.map.set(key, value);
    if (this.weights) {
      const w = this.weigh!(key, value);
      this.weights.set(key, w);
      this.total += w;
    } else this.total++;
    let chances = 0;
    while (this.total > this.capacity && this.map.size > 1) {
      // Map keeps insertion order: the first entry is the oldest; a used one gets a second chance at the back.
      const oldest = this.map.keys().next().value as K;
      if (oldest === key) break; // everything older was used lately: the newcomer waits its turn
      if (this.used.delete(oldest) && chances++ < SECOND_CHANCES) {
        const v = this.map.get(oldest)!;
        this.map.delete(oldest);
        this.map.set(oldest, v);
        continue;
      }
      this.delete(oldest);
      this.evictions++;
    }
  }

  /** Weighs an entry again after its value changed in place (a list that grew); marks it used. */
  touch(key: K): void {
    const value = this.map.get(key);
    if (value === undefined) return;
    this.used.add(key);
    if (!this.weights) return;
    const w = this.weigh!(key, value);
    this.total += w - this.weights.get(key)!;
    this.weights.set(key, w);
    if (this.total > this.capacity) this.set(key, value);
  }

  delete(key: K): boolean {
    if (!this.map.delete(key)) return false;
    this.used.delete(key);
    if (this.weights) {
      this.total -= this.weights.get(key)!;
      this.weights.delete(key);
    } else this.total--;
    return true;
  }

  clear(): void {
    this.map.clear();
    this.used.clear();
    this.weights?.clear();
    this.total = 0;
  }

  get size(): number {
    return this.map.size;
  }

  stats(): CacheStats {
    return { entries: this.map.size, ...(this.weights ? { bytes: this.total } : {}), hits: this.hits, misses: this.misses, evictions: this.evictions };
  }
}
