import { MemoryStore } from '../../src/store/memory-store';
import { RedisStore } from '../../src/store/redis-store';
import { StoreUnavailableError } from '../../src/store/store';
import type { Store } from '../../src/store/store';
import { testRedisUrl, uniqueKeyPrefix } from '../support/test-redis';
import Redis from 'ioredis';

type Factory = () => Promise<Store>;

const factories: Array<[string, Factory]> = [
  ['memory', () => Promise.resolve(new MemoryStore())],
  [
    'redis',
    async () => {
      const store = new RedisStore({
        url: testRedisUrl(),
        keyPrefix: uniqueKeyPrefix('store'),
        commandTimeoutMs: 1000,
      });
      await store.waitUntilReady(5000);
      return store;
    },
  ],
];

describe.each(factories)('the %s store', (_kind, create) => {
  let store: Store;

  beforeEach(async () => {
    store = await create();
  });

  afterEach(async () => {
    await store.close();
  });

  it('reads back what it was given and forgets deleted keys', async () => {
    await store.set('a', 'one');
    expect(await store.get('a')).toBe('one');

    await store.del('a');
    expect(await store.get('a')).toBeNull();
  });

  it('expires a value after its time to live', async () => {
    await store.set('short', 'x', 30);
    expect(await store.get('short')).toBe('x');

    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await store.get('short')).toBeNull();
  });

  it('gives a lease to one caller at a time and lets only its owner release it', async () => {
    const results = await Promise.all([
      store.setIfAbsent('lease', 'a', 5000),
      store.setIfAbsent('lease', 'b', 5000),
    ]);
    expect(results.sort()).toEqual([false, true]);
    const owner = await store.get('lease');
    const other = owner === 'a' ? 'b' : 'a';

    expect(await store.deleteIfEquals('lease', other)).toBe(false);
    expect(await store.expireIfEquals('lease', other, 10)).toBe(false);
    expect(await store.expireIfEquals('lease', owner!, 10_000)).toBe(true);
    expect(await store.deleteIfEquals('lease', owner!)).toBe(true);
    expect(await store.get('lease')).toBeNull();
  });

  it('keeps a sorted index, newest first, with paging', async () => {
    await store.indexAdd('idx', 3, 'c');
    await store.indexAdd('idx', 1, 'a');
    await store.indexAdd('idx', 2, 'b');
    await store.indexAdd('idx', 5, 'a');

    expect(await store.indexRangeDesc('idx', 0, 10)).toEqual(['a', 'c', 'b']);
    expect(await store.indexRangeDesc('idx', 1, 1)).toEqual(['c']);
    expect(await store.indexRangeDesc('idx', 5, 1)).toEqual([]);
    expect(await store.indexRangeUpTo('idx', 3, 10)).toEqual(['b', 'c']);
    expect(await store.indexSize('idx')).toBe(3);

    await store.indexRemove('idx', 'c');
    expect(await store.indexRangeDesc('idx', 0, 10)).toEqual(['a', 'b']);
  });

  it('reads several keys at once, null where absent', async () => {
    await store.set('k1', 'v1');
    await store.set('k3', 'v3');
    expect(await store.getMany(['k1', 'k2', 'k3'])).toEqual(['v1', null, 'v3']);
    expect(await store.getMany([])).toEqual([]);
  });

  it('appends to a stream with increasing ids and reads after a given id', async () => {
    const first = await store.streamAppend('events', 'one', 100);
    const second = await store.streamAppend('events', 'two', 100);
    const third = await store.streamAppend('events', 'three', 100);

    expect((await store.streamRead('events', '0-0', 10)).map((e) => e.data)).toEqual([
      'one',
      'two',
      'three',
    ]);
    expect(await store.streamRead('events', first, 10)).toEqual([
      { id: second, data: 'two' },
      { id: third, data: 'three' },
    ]);
    expect(await store.streamRead('events', third, 10)).toEqual([]);
  });

  it('trims a stream near its maximum length', async () => {
    for (let i = 0; i < 300; i++) await store.streamAppend('trimmed', String(i), 50);
    const events = await store.streamRead('trimmed', '0-0', 1000);

    expect(events.length).toBeGreaterThanOrEqual(50);
    expect(events.length).toBeLessThan(300);
    expect(events[events.length - 1]?.data).toBe('299');
  });

  it('delivers a published message to every subscriber until it unsubscribes', async () => {
    const first: string[] = [];
    const second: string[] = [];
    const bothGot = (count: number): Promise<void> =>
      waitFor(() => first.length >= count && second.length >= count);
    const unsubscribeFirst = await store.subscribe('chan', (m) => first.push(m));
    await store.subscribe('chan', (m) => second.push(m));

    await store.publish('chan', 'hello');
    await bothGot(1);
    await unsubscribeFirst();
    await store.publish('chan', 'again');
    await waitFor(() => second.length === 2);

    expect(first).toEqual(['hello']);
    expect(second).toEqual(['hello', 'again']);
  });

  it('answers ping and says it is up', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
    expect(store.isUp()).toBe(true);
  });
});

describe('the redis store', () => {
  it('keeps every key under its prefix', async () => {
    const prefix = uniqueKeyPrefix('prefix');
    const store = new RedisStore({
      url: testRedisUrl(),
      keyPrefix: prefix,
      commandTimeoutMs: 1000,
    });
    const raw = new Redis(testRedisUrl());
    await store.waitUntilReady(5000);

    await store.set('version:a', '1');
    await store.indexAdd('tasks', 1, 'x');
    await store.streamAppend('events', 'e', 10);

    expect((await raw.keys(`${prefix}*`)).sort()).toEqual(
      [`${prefix}events`, `${prefix}tasks`, `${prefix}version:a`].sort(),
    );
    await store.close();
    raw.disconnect();
  });

  it('fails fast with StoreUnavailableError when Redis is not there', async () => {
    const store = new RedisStore({
      url: 'redis://127.0.0.1:1',
      keyPrefix: uniqueKeyPrefix('down'),
      commandTimeoutMs: 200,
    });
    const started = Date.now();

    await expect(store.get('x')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.set('x', 'y')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(store.isUp()).toBe(false);
    await store.close();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
