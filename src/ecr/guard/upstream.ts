/**
 * The wrapper every upstream call goes through, in this order:
 *   cache (short TTL, memory-capped) -> in-flight coalescing -> circuit breaker -> SDK call with a
 *   deadline, whose every attempt (retries included) first takes a slot of the rate limit
 *   (the last two in guarded-call.ts, which also turns whatever the SDK throws into the
 *   contract's errors). It accounts each request's cost. Only the data layer (src/data) calls it,
 *   through `forRequest`; resolvers never do.
 * The cache, the coalescing across replicas and the rate limit are stores (stores.ts): in memory
 * by default, shared through Redis when backend.ts hands in the Redis ones.
 */
import type { ECRPUBLICClient } from '@aws-sdk/client-ecr-public';
import type { InputOf, OperationName, OutputOf } from '../client';
import { type CallStats, spendBudget, type UpstreamObserver } from './call-stats';
import { createGuardedCall } from './guarded-call';
import { createRateLimiter } from './rate-limit';
import { createMemoryCache, soloCoalescer, type UpstreamStores } from './stores';

export interface UpstreamOptions {
  /** Deadline of one call, retries included (UPSTREAM_TIMEOUT_MS). */
  timeoutMs: number;
  /** The most calls started in any one-second window (UPSTREAM_MAX_RPS). */
  maxRps: number;
  /** Lifetime of cached answers; 0 turns the cache off (UPSTREAM_CACHE_TTL_MS). */
  cacheTtlMs: number;
  /** Memory cap of the cache, by the answers' JSON size. @default 64 MiB */
  cacheMaxBytes?: number;
  /** Circuit breaker: opens when at least half of the recent calls (10 or more) failed upstream. */
  breakerResetMs?: number;
  observer?: UpstreamObserver;
  /** Replaces the in-memory stores built from the options above (backend.ts: Redis). */
  stores?: Partial<UpstreamStores>;
  /** Whether the Redis behind `stores` answers now; absent without Redis. */
  redisState?: () => 'up' | 'down';
}

/** The upstream as one request sees it: every call it makes is accounted to its `stats`. */
export interface RequestUpstream {
  /** What this request has cost upstream so far. */
  readonly stats: CallStats;
  /**
   * One upstream answer. `fresh` skips the cache (the answer is still stored, and identical calls
   * in flight are still shared): for callers that keep the answer for a TTL of their own.
   */
  send<Op extends OperationName>(operation: Op, input: InputOf<Op>, options?: SendOptions): Promise<OutputOf<Op>>;
}

export interface SendOptions {
  /** Past the cache. @default false */
  fresh?: boolean;
}

export interface Upstream {
  /** Binds the upstream to one request's accounting: the data layer's only way to AWS. */
  forRequest(stats: CallStats): RequestUpstream;
  /** False while the circuit breaker is open: the upstream keeps failing. */
  healthy(): boolean;
  /**
   * Whether ECR Public answers now: one small call past the caches and coalescing (a cached answer
   * would say "ready" for a whole TTL after the upstream went away), through the breaker, the
   * rate limit and the deadline like any other.
   */
  probe(): Promise<boolean>;
  /** Whether the Redis that shares caches and the rate limit answers; absent without REDIS_URL. */
  redis?(): 'up' | 'down';
}

/** JSON with sorted keys, so equal inputs make equal keys. */
function stableKey(operation: string, input: unknown): string {
  return `${operation}:${JSON.stringify(input, (_key, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  )}`;
}

export function createUpstream(client: ECRPUBLICClient, options: UpstreamOptions): Upstream {
  const observer = options.observer ?? {};
  const guarded = createGuardedCall(client, {
    timeoutMs: options.timeoutMs,
    limiter: options.stores?.limiter ?? createRateLimiter(options.maxRps),
    observer,
    ...(options.breakerResetMs !== undefined ? { breakerResetMs: options.breakerResetMs } : {}),
  });
  const cache =
    options.cacheTtlMs > 0
      ? (options.stores?.cache ??
        createMemoryCache({
          ttlMs: options.cacheTtlMs,
          ...(options.cacheMaxBytes ? { maxBytes: options.cacheMaxBytes } : {}),
        }))
      : undefined;
  const coalescer = options.stores?.coalescer ?? soloCoalescer;
  /** Calls in flight in this process; the coalescer shares them with other replicas. */
  const inFlight = new Map<string, Promise<object>>();

  function hit(operation: OperationName, stats: CallStats): void {
    stats.cacheHits++;
    observer.cacheHit?.(operation);
  }
  function coalesced(operation: OperationName, stats: CallStats): void {
    stats.coalesced++;
    observer.coalesced?.(operation);
  }

  /** A shared copy, else one call for every replica; the answer is cached before others may ask. */
  async function fetchOnce(operation: OperationName, key: string, input: unknown, stats: CallStats, fresh: boolean) {
    const shared = fresh ? undefined : await cache?.getShared(key);
    if (shared) {
      hit(operation, stats);
      return shared;
    }
    // A fresh call shares only other fresh calls: the Redis coalescer would hand it a cached answer.
    const outcome = await coalescer.run(fresh ? `fresh:${key}` : key, async () => {
      const output = await guarded.call(operation, input, stats);
      await cache?.set(key, output);
      return output;
    });
    if (outcome.shared) coalesced(operation, stats);
    return outcome.value;
  }

  async function send<Op extends OperationName>(
    operation: Op,
    input: InputOf<Op>,
    stats: CallStats,
    options: SendOptions | undefined,
  ): Promise<OutputOf<Op>> {
    const fresh = options?.fresh ?? false;
    const key = stableKey(operation, input);
    const cached = fresh ? undefined : cache?.getLocal(key);
    if (cached) {
      hit(operation, stats);
      return cached as OutputOf<Op>;
    }
    const pending = inFlight.get(key);
    if (pending) {
      coalesced(operation, stats);
      return (await pending) as OutputOf<Op>;
    }
    spendBudget(stats);
    const call = fetchOnce(operation, key, input, stats, fresh);
    inFlight.set(key, call);
    try {
      return (await call) as OutputOf<Op>;
    } finally {
      inFlight.delete(key);
    }
  }

  return {
    forRequest: (stats) => ({ stats, send: (operation, input, options) => send(operation, input, stats, options) }),
    healthy: guarded.healthy,
    probe: () =>
      // Urgent: a flood of queued calls must not make the gateway look dead to its orchestrator.
      guarded.call('DescribeRepositories', { maxResults: 1 }, undefined, true).then(
        () => true,
        () => false,
      ),
    ...(options.redisState ? { redis: options.redisState } : {}),
  };
}
