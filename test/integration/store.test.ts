import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config';
import { createStore } from '../../src/store/create-store';
import { MemoryStore } from '../../src/store/memory-store';
import { RedisStore } from '../../src/store/redis-store';
import { StoreUnavailableError } from '../../src/store/store';
import type { Store } from '../../src/store/store';
import { freePort, startRedisServer } from '../support/redis-server';
import type { RedisServerHandle } from '../support/redis-server';
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

describe('the redis store on a Redis that stops answering', () => {
  let server: RedisServerHandle;

  beforeAll(async () => {
    // A Redis of its own: pausing the run's shared one would stall every other test file.
    server = await startRedisServer();
  });

  afterAll(() => server?.stop());

  it('gives up on a command after store.commandTimeoutMs instead of waiting', async () => {
    const store = new RedisStore({
      url: server.url,
      keyPrefix: uniqueKeyPrefix('paused'),
      commandTimeoutMs: 200,
    });
    const admin = new Redis(server.url);
    try {
      expect(await store.waitUntilReady(5000)).toBe(true);
      await admin.call('CLIENT', 'PAUSE', '1000', 'ALL');
      const started = Date.now();

      await expect(store.get('x')).rejects.toBeInstanceOf(StoreUnavailableError);

      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect(Date.now() - started).toBeLessThan(800);
    } finally {
      admin.disconnect();
      await store.close();
    }
  });
});

describe('the redis store through an outage', () => {
  it('delivers messages on a channel subscribed to while Redis was down, once it is back', async () => {
    const redis = await startRedisServer();
    await redis.pause();
    const keyPrefix = uniqueKeyPrefix('outage-subscribe');
    const store = new RedisStore({ url: redis.url, keyPrefix, commandTimeoutMs: 200 });
    try {
      const received: string[] = [];
      await store.subscribe('news', (message) => received.push(message));

      await redis.restart();
      expect(await store.waitUntilReady(5000)).toBe(true);
      const publisher = new RedisStore({ url: redis.url, keyPrefix, commandTimeoutMs: 500 });
      try {
        expect(await publisher.waitUntilReady(5000)).toBe(true);
        // Published until it arrives: the subscriber reconnects on its own schedule.
        const deadline = Date.now() + 5000;
        while (received.length === 0 && Date.now() < deadline) {
          await publisher.publish('news', 'back');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await publisher.close();
      }
      expect(received[0]).toBe('back');
    } finally {
      await store.close();
      await redis.stop();
    }
  });
});

describe('the redis store behind Redis Sentinel', () => {
  let master: RedisServerHandle;
  let sentinel: SentinelHandle;

  beforeAll(async () => {
    master = await startRedisServer();
    sentinel = await startSentinel('ovgw-master', master.port);
  });

  afterAll(async () => {
    await sentinel?.stop();
    await master?.stop();
  });

  it('finds the master through the sentinel a redis+sentinel:// REDIS_URL names', async () => {
    const { config } = loadConfig({
      env: {
        REDIS_URL: `redis+sentinel://127.0.0.1:${sentinel.port}/ovgw-master/3`,
        OVGW_STORE_KEY_PREFIX: uniqueKeyPrefix('sentinel'),
      },
    });
    const store = createStore(config.store) as RedisStore;
    const direct = new Redis(`${master.url}/3`);
    try {
      expect(await store.waitUntilReady(5000)).toBe(true);
      const received: string[] = [];
      await store.subscribe('news', (message) => received.push(message));

      await store.set('where', 'on the master');
      await store.publish('news', 'through the sentinel');
      await waitFor(() => received.length === 1);

      // The sentinel itself refuses SET: the value can only have reached the master it named.
      expect(await direct.get(`${config.store.keyPrefix}where`)).toBe('on the master');
      expect(received).toEqual(['through the sentinel']);
    } finally {
      direct.disconnect();
      await store.close();
    }
  });

  it('gives sentinels that require a password the sentinelPassword of the URL', async () => {
    const guarded = await startSentinel('ovgw-master', master.port, ['requirepass sentinel-pw']);
    const store = new RedisStore({
      url: `redis+sentinel://127.0.0.1:${guarded.port}/ovgw-master?sentinelPassword=sentinel-pw`,
      keyPrefix: uniqueKeyPrefix('sentinel-auth'),
      commandTimeoutMs: 1000,
    });
    const refused = new RedisStore({
      url: `redis+sentinel://127.0.0.1:${guarded.port}/ovgw-master`,
      keyPrefix: uniqueKeyPrefix('sentinel-noauth'),
      commandTimeoutMs: 200,
    });
    try {
      expect(await store.waitUntilReady(5000)).toBe(true);
      await store.set('k', 'v');

      expect(await store.get('k')).toBe('v');
      expect(await refused.waitUntilReady(1000)).toBe(false);
    } finally {
      await Promise.all([store.close(), refused.close()]);
      await guarded.stop();
    }
  });

  it('fails fast when the sentinel knows no master of that name', async () => {
    const store = new RedisStore({
      url: `redis+sentinel://127.0.0.1:${sentinel.port}/no-such-master`,
      keyPrefix: uniqueKeyPrefix('sentinel-missing'),
      commandTimeoutMs: 200,
    });
    const started = Date.now();

    await expect(store.get('x')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(store.isUp()).toBe(false);
    await store.close();
  });
});

/** A redis-server in Sentinel mode watching one master; `stop()` ends it exactly once. */
interface SentinelHandle {
  port: number;
  stop(): Promise<void>;
}

/** Starts `redis-server CONF --sentinel` (the same binary) and waits until it monitors. */
async function startSentinel(
  name: string,
  masterPort: number,
  extraLines: string[] = [],
): Promise<SentinelHandle> {
  const port = await freePort();
  // Sentinel rewrites its configuration file, so it gets one of its own in a fresh folder.
  const conf = path.join(mkdtempSync(path.join(tmpdir(), 'ovgw-sentinel-')), 'sentinel.conf');
  writeFileSync(
    conf,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `sentinel monitor ${name} 127.0.0.1 ${masterPort} 1`,
      ...extraLines,
      '',
    ].join('\n'),
  );
  const child = spawn('redis-server', [conf, '--sentinel'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`sentinel did not start:\n${output}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`+monitor master ${name}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sentinel exited with ${code}:\n${output}`));
    });
  });
  child.stdout?.resume();

  let stopped: Promise<void> | undefined;
  return {
    port,
    stop: () => (stopped ??= endProcess(child)),
  };
}

async function endProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
