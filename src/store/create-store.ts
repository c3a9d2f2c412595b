import { MemoryStore } from './memory-store';
import { RedisStore } from './redis-store';
import type { Store } from './store';

/** What picks and configures the store. */
export interface StoreSettings {
  redisUrl: string | null;
  keyPrefix: string;
  commandTimeoutMs: number;
  onStatus?: (status: 'up' | 'down', error?: Error) => void;
}

/** Redis when a URL is configured, else the in-process store. */
export function createStore(settings: StoreSettings): Store {
  if (settings.redisUrl === null) return new MemoryStore();
  return new RedisStore({
    url: settings.redisUrl,
    keyPrefix: settings.keyPrefix,
    commandTimeoutMs: settings.commandTimeoutMs,
    onStatus: settings.onStatus,
  });
}
