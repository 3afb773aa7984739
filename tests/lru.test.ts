import { describe, expect, it } from 'vitest';
import { LruMap } from '../src/storage/lru.js';

describe('a bounded cache', () => {
  it('keeps at most its size, dropping the least recently used', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    expect(m.get('a')).toBe(1); // a is now the most recent
    m.set('c', 3);
    expect([m.has('a'), m.has('b'), m.has('c'), m.size]).toEqual([true, false, true, 2]);
    m.set('a', 4); // an update refreshes, it does not grow
    m.set('d', 5);
    expect([m.get('a'), m.has('c'), m.get('d'), m.size]).toEqual([4, false, 5, 2]);
  });
});
