/**
 * UPSTREAM_MAX_RPS as one budget for every replica: a sliding log of call starts in a Redis sorted
 * set, trimmed, counted and appended by one atomic Lua script (Redis' documented sliding-window
 * pattern). A script, not a library: rate-limiter-flexible's Redis limiters count fixed windows,
 * which let twice the limit through across a window boundary, and @upstash/ratelimit's
 * "slidingWindow" estimates from two fixed windows and speaks Upstash's REST client. Times come
 * from Redis' own clock (TIME), so replicas whose clocks disagree still share one window.
 *
 * Each process queues its callers in order and asks Redis for the head's slot only; when the
 * window is full Redis says how long until its oldest call leaves it. While Redis is down or slow
 * the callers go to the local limiter instead (each replica then has the whole budget to itself).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Release } from '../ecr/guard/rate-limit';
import type { RateLimiter } from '../ecr/guard/stores';
import type { RedisLink } from './link';

export interface RedisRateLimiterOptions {
  /** The most calls started in any one-second window, across every replica. */
  maxPerSecond: number;
  /** The sorted set's key (REDIS_KEY_PREFIX + 'ratelimit'). */
  key: string;
  /** Used while Redis is down or slow. */
  fallback: RateLimiter;
}

/**
 * When a call counts. AWS counts a call when it arrives, somewhere between our slot and its answer,
 * after signing, the network, and whatever a busy machine adds (up to 170 ms seen on a loaded test
 * box). So a call is logged at `start + HOLD_MS` when it takes its slot, and moved back to the
 * moment its answer arrived if that is earlier: the log never holds a time before the call's
 * arrival, for arrivals up to HOLD_MS late, and a fast call costs only its own latency of budget.
 */
const WINDOW_MS = 1000;
const HOLD_MS = 1000;

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

// KEYS[1] the log. ARGV: limit, window ms, hold ms, unique member. Returns 0 when a call may start
// now, else the milliseconds until the oldest call leaves the window.
const TAKE_SLOT = `${NOW}
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window + tonumber(ARGV[3]))
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)`;

// KEYS[1] the log. ARGV: the call's member. Its answer arrived: the call counts from now, if earlier.
const ANSWERED = `${NOW}
return redis.call('ZADD', KEYS[1], 'XX', 'LT', now, ARGV[1])`;

interface Scripts {
  takeUpstreamSlot(key: string, limit: number, windowMs: number, holdMs: number, member: string): Promise<number>;
  upstreamAnswered(key: string, member: string): Promise<number>;
}

interface Waiting {
  resolve: (release: Release | undefined) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  urgent: boolean;
}

export function createRedisRateLimiter(link: RedisLink, options: RedisRateLimiterOptions): RateLimiter {
  link.commands.defineCommand('takeUpstreamSlot', { numberOfKeys: 1, lua: TAKE_SLOT });
  link.commands.defineCommand('upstreamAnswered', { numberOfKeys: 1, lua: ANSWERED });
  const answered =
    (member: string): Release =>
    () => {
      // Not awaited; if it fails the call keeps counting until start + HOLD_MS, the safe side.
      link.attempt((redis) => (redis as Redis & Scripts).upstreamAnswered(options.key, member)).catch(() => undefined);
    };
  const waiting: Waiting[] = [];
  let pumping = false;

  /** Serves the queue head by head until it is empty; one loop per process at a time. */
  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (waiting.length > 0) {
        const head = waiting[0] as Waiting;
        if (head.signal?.aborted) {
          waiting.shift();
          continue;
        }
        if (!link.up()) {
          waiting.shift();
          options.fallback.acquire(head.signal, head.urgent).then(head.resolve, head.reject);
          continue;
        }
        let waitMs: number;
        const member = randomUUID();
        try {
          waitMs = await link.attempt((redis) =>
            (redis as Redis & Scripts).takeUpstreamSlot(options.key, options.maxPerSecond, WINDOW_MS, HOLD_MS, member),
          );
        } catch {
          continue; // the link marked Redis down: the next turn sends the head to the fallback
        }
        if (waitMs === 0) {
          // The head may have given up (aborted) while Redis answered: its slot goes unused.
          const index = waiting.indexOf(head);
          if (index >= 0) waiting.splice(index, 1);
          head.resolve(answered(member));
        } else {
          await new Promise((resolve) => setTimeout(resolve, waitMs));
        }
      }
    } finally {
      pumping = false;
    }
  }

  return {
    acquire(signal, urgent = false) {
      return new Promise<Release | undefined>((resolve, reject) => {
        const entry: Waiting = { resolve, reject, signal, urgent };
        signal?.addEventListener(
          'abort',
          () => {
            const index = waiting.indexOf(entry);
            if (index < 0) return;
            waiting.splice(index, 1);
            reject(signal.reason);
          },
          { once: true },
        );
        // Urgent entries go ahead of the others, behind the head that may be asking Redis already.
        if (urgent) waiting.splice(Math.min(1, waiting.length), 0, entry);
        else waiting.push(entry);
        void pump();
      });
    },
    queued: () => waiting.length + options.fallback.queued(),
  };
}
