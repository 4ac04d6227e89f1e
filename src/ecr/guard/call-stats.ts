/**
 * The vocabulary of the guard that its neighbours share: what one request cost upstream (the
 * `cost` extension reads it, the response cache checks it), the request's budget of calls, and
 * the hooks metrics listen on. It imports only the error vocabulary.
 */
import { ErrorCode, GatewayError } from '../../errors';

/** What one GraphQL request cost upstream: the `cost` extension. */
export interface CallStats {
  /** Calls AWS received for this request, by operation, retries included. */
  upstreamCalls: Record<string, number>;
  /** Requests the registry received for this request, by kind: token, manifest, blob, tags, referrers. */
  registryCalls: Record<string, number>;
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
    registryCalls: {},
    retries: 0,
    cacheHits: 0,
    coalesced: 0,
    started: 0,
    ...(budget === undefined ? {} : { budget }),
  };
}

/**
 * A call of the request's own (not a cache hit, not a share of one in flight) takes a unit of its
 * budget before it starts, retries counted as they come back; past the budget it fails at once,
 * unsent, at the field that asked, and no breaker hears of it (CONTRACT.md "Limits (addendum)": no
 * request makes more upstream calls, ECR Public and registry together, than QUERY_MAX_COST).
 */
export function spendBudget(stats: CallStats): void {
  if (stats.budget === undefined) return;
  if (stats.started + stats.retries >= stats.budget) {
    throw new GatewayError(
      ErrorCode.QUERY_TOO_COMPLEX,
      `This request reached its budget of ${stats.budget} upstream calls (QUERY_MAX_COST)`,
    );
  }
  stats.started++;
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
