/**
 * Coordination through Redis (REDIS_URL), for replicas that share subscribers' repositories:
 * - a lease per repository (`SET lease token NX PX`), renewed by its holder every poll and given up
 *   when its last subscriber leaves; when the holder dies it lapses after `leaseMs` and the next
 *   replica with subscribers takes over, carrying on from the last listing (kept in Redis twice as long);
 * - pub/sub fan-out: the poller publishes each round's events on the repository's channel, and every
 *   replica watching it (the poller too) delivers them to its own subscribers.
 * While Redis does not answer, every replica polls for its own subscribers, as the other stores
 * fall back to memory; when it is back, the lease sorts them out again.
 */
import { randomUUID } from 'node:crypto';
import type { RedisLink } from '../redis/link';
import type { Coordination, Lease } from './coordination';
import { decodeEvents, encodeEvents, type WatchKey, watchKeyId } from './events';
import type { Lead, Snapshot } from './watcher';

export interface SharedCoordinationOptions {
  /** REDIS_KEY_PREFIX. */
  prefix: string;
  /** WATCH_INTERVAL_MS: the lease lasts three of them, so one slow round does not lose it. */
  intervalMs: number;
}

// KEYS[1] lease. ARGV: token, ms. Renews the lease if this token holds it.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

interface Scripts {
  watchRenew(lease: string, token: string, ms: number): Promise<number>;
  watchRelease(lease: string, token: string): Promise<number>;
}

export function createSharedCoordination(link: RedisLink, options: SharedCoordinationOptions): Coordination {
  const leaseMs = 3 * options.intervalMs;
  link.commands.defineCommand('watchRenew', { numberOfKeys: 1, lua: RENEW });
  link.commands.defineCommand('watchRelease', { numberOfKeys: 1, lua: RELEASE });
  const scripts = (redis: unknown): Scripts => redis as Scripts;
  const channelOf = (key: WatchKey): string => `${options.prefix}watch:events:${watchKeyId(key)}`;
  const listeners = new Map<string, (text: string) => void>();
  link.subscriber.on('message', (channel: string, message: string) => listeners.get(channel)?.(message));
  const subscribe = (channel: string): Promise<unknown> =>
    link.attempt((r) => r.subscribe(channel), link.subscriber).catch(() => undefined);
  // A channel that could not be subscribed while Redis was down is subscribed once it is back.
  link.onChange((up) => {
    if (up) for (const channel of listeners.keys()) void subscribe(channel);
  });

  function lease(key: WatchKey): Lease {
    const name = `${options.prefix}watch:lease:${watchKeyId(key)}`;
    const token = randomUUID();
    /** 'lease': holds it in Redis; 'alone': polls without it while Redis is down; 'none': does not poll. */
    let state: 'lease' | 'alone' | 'none' = 'none';
    const polled = (): Lead => (state === 'none' ? 'fresh' : 'held');
    return {
      async hold() {
        if (!link.up()) {
          const lead = polled();
          state = 'alone';
          return lead;
        }
        try {
          if (state === 'lease' && (await link.attempt((r) => scripts(r).watchRenew(name, token, leaseMs))) === 1) {
            return 'held';
          }
          const won = await link.attempt((r) => r.set(name, token, 'PX', leaseMs, 'NX'));
          if (won !== 'OK') {
            state = 'none';
            return false;
          }
          const lead = polled();
          state = 'lease';
          return lead;
        } catch {
          const lead = polled();
          state = 'alone';
          return lead;
        }
      },
      async release() {
        const held = state === 'lease';
        state = 'none';
        if (held) await link.attempt((r) => scripts(r).watchRelease(name, token)).catch(() => undefined);
      },
    };
  }

  return {
    async listen(key, deliver) {
      const channel = channelOf(key);
      listeners.set(channel, (text) => deliver(decodeEvents(text)));
      // Not subscribed (Redis down): this replica then polls alone and delivers locally.
      await subscribe(channel);
      return () => {
        listeners.delete(channel);
        link.attempt((r) => r.unsubscribe(channel), link.subscriber).catch(() => undefined);
      };
    },
    async publish(key, events, local) {
      try {
        if (!link.up()) throw new Error('redis down');
        await link.attempt((r) => r.publish(channelOf(key), encodeEvents(events)));
      } catch {
        local();
      }
    },
    lease,
    baseline(key) {
      const name = `${options.prefix}watch:baseline:${watchKeyId(key)}`;
      return {
        async load() {
          const text = await link.attempt((r) => r.get(name)).catch(() => null);
          if (!text) return undefined;
          try {
            return JSON.parse(text) as Snapshot;
          } catch {
            return undefined;
          }
        },
        async save(snapshot) {
          // Outlives the lease, so a replica taking over from a dead holder still finds it.
          const ttl = 2 * leaseMs;
          await link.attempt((r) => r.set(name, JSON.stringify(snapshot), 'PX', ttl)).catch(() => undefined);
        },
      };
    },
  };
}
