// A map that keeps at most `max` entries, dropping the least recently used: the caches in front of
// SQLite stay bounded however many groups and members a bot has seen, and an evicted entry is only
// read again from the database.

export class LruMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    // Map keeps insertion order: moving a hit to the end makes the first entry the least recent.
    if (value !== undefined && this.map.size > 1) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }
}
