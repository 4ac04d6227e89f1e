/**
 * In-flight coalescing across replicas. The first replica to ask claims the call's key
 * (`SET lock NX PX lease`, holding a random token) and makes the call; the others learn the
 * holder's token, subscribe to its answer channel and wait. The holder stores its answer (or its
 * GatewayError) under `answer:<token>` for a few seconds and publishes it, in one script, so a
 * waiter that subscribed late still finds it. A waiter that hears nothing before the deadline,
 * or while Redis is down, makes the call itself: coalescing saves calls, it never costs a request.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Coalescer } from '../ecr/guard/stores';
import { type AwsErrorInfo, type ErrorCode, GatewayError } from '../errors';
import { cacheKeyOf, decode, encode, redisKey } from './codec';
import type { RedisLink } from './link';

export interface RedisCoalescerOptions {
  /** Prefix of every key this gateway writes (REDIS_KEY_PREFIX). */
  prefix: string;
  /** How long a waiter waits for another replica's answer before calling itself. */
  waitMs: number;
  /** How long a claim holds when its holder dies mid-call. @default waitMs + 1000 */
  leaseMs?: number;
}

/** What the holder publishes: an answer, a GatewayError, or "fetch it yourself". */
type Outcome =
  | { value: object }
  | { error: { code: ErrorCode; message: string; aws?: AwsErrorInfo } }
  | { failed: true };

const ANSWER_TTL_MS = 5000;

// KEYS[1] lock, KEYS[2] the call's cache entry. ARGV: token, lease ms. Returns { 'cached', answer }
// when a holder cached its answer since this replica looked (a claim now would call again),
// { 'claimed' }, or { 'held', the holder's token }.
const CLAIM = `
local cached = redis.call('GET', KEYS[2])
if cached then return { 'cached', cached } end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return { 'claimed' } end
return { 'held', redis.call('GET', KEYS[1]) }`;

// KEYS[1] lock, KEYS[2] answer (also the channel). ARGV: token, outcome, answer ttl ms.
const FINISH = `
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
redis.call('PUBLISH', KEYS[2], ARGV[2])
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

interface Scripts {
  coalesceClaim(lock: string, cache: string, token: string, leaseMs: number): Promise<[string, string?]>;
  coalesceFinish(lock: string, answer: string, token: string, outcome: string, ttlMs: number): Promise<number>;
}

function toOutcome(error: unknown): Outcome {
  if (!(error instanceof GatewayError)) return { failed: true };
  return { error: { code: error.code, message: error.message, ...(error.aws ? { aws: error.aws } : {}) } };
}

export function createRedisCoalescer(link: RedisLink, options: RedisCoalescerOptions): Coalescer {
  const leaseMs = options.leaseMs ?? options.waitMs + 1000;
  // defineCommand runs EVALSHA and falls back to EVAL, so a restarted Redis is no problem.
  link.commands.defineCommand('coalesceClaim', { numberOfKeys: 2, lua: CLAIM });
  link.commands.defineCommand('coalesceFinish', { numberOfKeys: 2, lua: FINISH });
  const answerKey = (lock: string, token: string): string => `${lock}:answer:${token}`;

  /** Waiters by answer channel; every one of them is settled on a message, a deadline or Redis going down. */
  const waiters = new Map<string, Set<(outcome: Outcome | undefined) => void>>();
  link.subscriber.on('message', (channel: string, message: string) => {
    for (const settle of waiters.get(channel) ?? []) settle(decode<Outcome>(message));
  });
  link.onChange((up) => {
    if (up) return;
    for (const set of waiters.values()) for (const settle of set) settle(undefined);
  });

  function waitFor(channel: string): Promise<Outcome | undefined> {
    return new Promise((resolve) => {
      const set = waiters.get(channel) ?? new Set();
      waiters.set(channel, set);
      const timer = setTimeout(() => settle(undefined), options.waitMs);
      function settle(outcome: Outcome | undefined): void {
        if (!set.delete(settle)) return;
        clearTimeout(timer);
        if (set.size === 0) {
          waiters.delete(channel);
          link.subscriber.unsubscribe(channel).catch(() => undefined);
        }
        resolve(outcome);
      }
      set.add(settle);
      // Subscribe, then read the stored answer: one published before the subscription is not lost.
      link
        .attempt((redis) => redis.subscribe(channel), link.subscriber)
        .then(() => link.attempt((redis) => redis.get(channel)))
        .then((stored) => stored !== null && settle(decode<Outcome>(stored)))
        .catch(() => settle(undefined));
    });
  }

  async function hold<T extends object>(lock: string, token: string, fetch: () => Promise<T>): Promise<T> {
    let outcome: Outcome = { failed: true };
    try {
      const value = await fetch();
      outcome = { value };
      return value;
    } catch (error) {
      outcome = toOutcome(error);
      throw error;
    } finally {
      // Even while the link doubts Redis: waiters elsewhere may still be listening. Not awaited.
      link
        .attempt((redis) =>
          (redis as Redis & Scripts).coalesceFinish(
            lock,
            answerKey(lock, token),
            token,
            encode(outcome),
            ANSWER_TTL_MS,
          ),
        )
        .catch(() => undefined);
    }
  }

  return {
    async run(key, fetch) {
      if (!link.up()) return { value: await fetch(), shared: false };
      const lock = redisKey(options.prefix, 'inflight', key);
      const token = randomUUID();
      let claim: [string, string?];
      try {
        claim = await link.attempt((redis) =>
          (redis as Redis & Scripts).coalesceClaim(lock, cacheKeyOf(options.prefix, key), token, leaseMs),
        );
      } catch {
        return { value: await fetch(), shared: false };
      }
      const [verdict, text = ''] = claim;
      if (verdict === 'cached') return { value: decode<Awaited<ReturnType<typeof fetch>>>(text), shared: true };
      if (verdict === 'claimed') return { value: await hold(lock, token, fetch), shared: false };

      const outcome = await waitFor(answerKey(lock, text));
      if (outcome && 'value' in outcome)
        return { value: outcome.value as Awaited<ReturnType<typeof fetch>>, shared: true };
      if (outcome && 'error' in outcome) {
        const { code, message, aws } = outcome.error;
        throw new GatewayError(code, message, aws);
      }
      return { value: await fetch(), shared: false };
    },
  };
}
