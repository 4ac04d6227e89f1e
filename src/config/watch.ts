/**
 * Live changes (src/watch): how often a watched repository is polled and how many subscriptions one
 * process holds open. A leaf, as index.ts is.
 */
import { type Env, parseInteger } from './parse';

export interface WatchSettings {
  /** How often each watched repository's listing is fetched (WATCH_INTERVAL_MS), at least 1 s. @default 30000 */
  intervalMs: number;
  /** Open subscriptions in this process; past it RATE_LIMITED (SUBSCRIPTIONS_MAX). @default 1000 */
  subscriptionsMax: number;
}

export function watchSettingsOf(env: Env): WatchSettings {
  return {
    intervalMs: parseInteger(env, 'WATCH_INTERVAL_MS', 30_000, 1000, 86_400_000),
    subscriptionsMax: parseInteger(env, 'SUBSCRIPTIONS_MAX', 1000, 1, 1_000_000),
  };
}
