import { describe, expect, it } from 'vitest';
import { LruMap } from '../src/storage/lru.js';
import { perTest } from './support/recording.js';
import { migrationsDir } from '../src/paths.js';
import { openDatabase } from '../src/storage/db.js';
import { GroupsRepo } from '../src/storage/groups.js';
import { MembersRepo } from '../src/storage/members.js';
import { Store } from '../src/storage/store.js';
import { loadMigrations, migrate } from '../src/storage/migrate.js';

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

  it('weighed, it holds at most its bytes, and counts its hits, misses and evictions', () => {
    const m = new LruMap<string, string>(100, (k, v) => k.length + v.length);
    m.set('a', 'x'.repeat(39)); // 40
    m.set('b', 'y'.repeat(39)); // 80
    expect(m.get('a')).toHaveLength(39);
    m.set('c', 'z'.repeat(39)); // 120 > 100: b, the least recent, goes
    expect([m.has('a'), m.has('b'), m.has('c')]).toEqual([true, false, true]);
    expect(m.get('b')).toBeUndefined();
    m.set('a', 'short'); // replaced, and weighed anew
    expect(m.stats()).toEqual({ entries: 2, bytes: 46, hits: 1, misses: 1, evictions: 1 });
  });
});

describe('a bounded cache, used', () => {
  it('an entry used since eviction last came by gets a second chance; one changed in place is weighed again', () => {
    const m = new LruMap<string, number[]>(100, (_k, v) => 10 * v.length);
    m.set('a', [1, 2, 3]); // 30
    m.set('b', [1, 2, 3]); // 60
    m.set('c', [1, 2, 3]); // 90
    m.get('a');
    m.set('d', [1]); // 100: fits
    m.set('e', [1]); // 110: a was used, so b goes instead
    expect([m.has('a'), m.has('b'), m.has('c')]).toEqual([true, false, true]);
    const c = m.get('c')!;
    c.push(4, 5, 6, 7); // grows in place to 70: 30 + 70 + 10 + 10 = 120
    m.touch('c');
    expect(m.stats().bytes).toBeLessThanOrEqual(100);
    expect(m.has('c')).toBe(true); // the one just touched stays
  });
});

describe('a cache whose every entry was used', () => {
  it('an insertion passes over a bounded few of them, then evicts the oldest anyway: no one insertion walks the whole cache', () => {
    const m = new LruMap<number, number>(10_000);
    for (let i = 0; i < 10_000; i++) m.set(i, i);
    for (let i = 0; i < 10_000; i++) m.get(i); // all used
    m.set(10_000, 0);
    expect(m.stats().evictions).toBe(1);
    expect(m.has(32)).toBe(false); // 0–31 had their second chance and moved back; 32 went
    expect([m.has(0), m.has(31), m.has(33), m.has(10_000)]).toEqual([true, true, true, true]);
  });
});

describe('the member cache', () => {
  it('a member back after a restart under the same name costs a read, not a write; a new name is written', () => {
    const db = openDatabase(':memory:');
    migrate(db, loadMigrations(migrationsDir), 0);
    const g = { platform: 'test', groupId: 'g1' };
    new GroupsRepo(db).ensure(g, 0);
    new MembersRepo(db).seen(g, 'ann', 'Ann', 1);
    const restarted = new MembersRepo(db, 1024); // a small cache, as after many other members
    const store = new Store(db);
    const writes = () => store.changes();
    const before = writes();
    restarted.seen(g, 'ann', 'Ann', 2);
    expect(writes()).toBe(before);
    expect(restarted.get(g, 'ann')).toMatchObject({ name: 'Ann', firstSeen: 1 }); // read once, kept
    restarted.seen(g, 'ann', 'Ann Lee', 3);
    expect(writes()).toBe(before + 1);
    expect(restarted.get(g, 'ann')?.name).toBe('Ann Lee');
  });
});

describe("the bot's caches, as the soak benchmark prints them", () => {
  const scratch = perTest();
  it('every cache in front of the database or inside a rule is named, with its entries, bytes and hits', async () => {
    const bot = scratch.bot();
    await bot.say('ann', '大家好');
    await bot.say('ann', '今天的作业交了吗');
    const stats = bot.app.cacheStats();
    expect(Object.keys(stats).sort()).toEqual(['adfilter.adaptations', 'adfilter.groups', 'adfilter.senders', 'faq.answers', 'flood', 'groups', 'members', 'settings', 'workhours.topicModels']);
    for (const s of Object.values(stats)) expect(s).toMatchObject({ entries: expect.any(Number), bytes: expect.any(Number), hits: expect.any(Number), misses: expect.any(Number), evictions: expect.any(Number) });
    expect(stats.flood!.entries).toBe(1); // ann, heard twice
    expect(stats['adfilter.senders']!.hits + stats['adfilter.senders']!.misses).toBeGreaterThan(0);
  });
});
