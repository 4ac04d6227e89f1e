/**
 * Live changes of repositories (CONTRACT.md "What's new"): the hub that subscriptions open their
 * streams on, alone in this process or shared by every replica through Redis (REDIS_URL).
 */
import type { Upstream } from '../ecr/guard/upstream';
import type { RedisLink } from '../redis/link';
import { createLocalCoordination } from './coordination';
import { createWatchHub, type WatchHub, type WatchObserver } from './hub';
import { createSharedCoordination } from './shared';
import { createWatchListings } from './watch-listings';

export type { ChangeEvent, WatchKey } from './events';
export type { Slot, WatchHub, WatchObserver } from './hub';

export interface WatchOptions {
  upstream: Upstream;
  /** IMAGE_LISTING_CAP. */
  listingCap: number;
  /** WATCH_INTERVAL_MS. @default 30000 */
  intervalMs?: number | undefined;
  /** SUBSCRIPTIONS_MAX. @default 1000 */
  maxSubscriptions?: number | undefined;
  /** REDIS_URL's link and REDIS_KEY_PREFIX: one poller for all replicas. */
  redis?: { link: RedisLink; prefix: string };
  observer?: WatchObserver;
}

export function createWatch(options: WatchOptions): WatchHub {
  const intervalMs = options.intervalMs ?? 30_000;
  return createWatchHub({
    upstream: options.upstream,
    listings: createWatchListings(options.listingCap),
    intervalMs,
    maxSubscriptions: options.maxSubscriptions ?? 1000,
    coordination: options.redis
      ? createSharedCoordination(options.redis.link, { prefix: options.redis.prefix, intervalMs })
      : createLocalCoordination(),
    ...(options.observer ? { observer: options.observer } : {}),
  });
}
