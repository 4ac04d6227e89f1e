/**
 * The vocabulary of the guard that its neighbours share: what one request cost upstream (the
 * `cost` extension reads it, the response cache checks it) and the hooks metrics listen on.
 * A leaf: it imports nothing.
 */

/** What one GraphQL request cost upstream: the `cost` extension. */
export interface CallStats {
  /** Calls AWS received for this request, by operation, retries included. */
  upstreamCalls: Record<string, number>;
  /** Of those, how many were the SDK's retries. */
  retries: number;
  /** Answers served from the upstream cache. */
  cacheHits: number;
  /** Calls this request shared with an identical one already in flight. */
  coalesced: number;
  /** The most calls this request may make (QUERY_MAX_COST); undefined: no budget. */
  readonly budget?: number;
  /** Calls this request has started (each reserves a unit of the budget before it is sent). */
  started: number;
}

export function createCallStats(budget?: number): CallStats {
  return {
    upstreamCalls: {},
    retries: 0,
    cacheHits: 0,
    coalesced: 0,
    started: 0,
    ...(budget === undefined ? {} : { budget }),
  };
}

/** Hooks for metrics; every member optional. */
export interface UpstreamObserver {
  call?(operation: string, outcome: string, seconds: number): void;
  retries?(operation: string, count: number): void;
  cacheHit?(operation: string): void;
  coalesced?(operation: string): void;
  queued?(seconds: number): void;
  breaker?(state: 'open' | 'halfOpen' | 'closed'): void;
  /** Whether the Redis that shares caches and the rate limit answers (REDIS_URL only). */
  redis?(up: boolean): void;
}
