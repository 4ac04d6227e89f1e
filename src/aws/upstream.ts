/**
 * The wrapper every upstream call goes through, in this order:
 *   cache (short TTL, memory-capped) -> in-flight coalescing -> circuit breaker -> SDK call with a
 *   deadline, whose every attempt (retries included) first takes a slot of the rate limit.
 * It turns whatever the SDK throws into the contract's errors (errors.ts) and accounts each
 * request's cost. Resolvers never call the client themselves.
 */
import type { ECRPUBLICClient } from '@aws-sdk/client-ecr-public';
import { LRUCache } from 'lru-cache';
import CircuitBreaker from 'opossum';
import { commands, type InputOf, type OperationName, type OutputOf } from './client';
import { ErrorCode, GatewayError, toGatewayError } from './errors';
import { createRateLimiter } from './rate-limit';

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
}

export function createCallStats(): CallStats {
  return { upstreamCalls: {}, retries: 0, cacheHits: 0, coalesced: 0 };
}

/** Hooks for metrics; every member optional. */
export interface UpstreamObserver {
  call?(operation: string, outcome: string, seconds: number): void;
  retries?(operation: string, count: number): void;
  cacheHit?(operation: string): void;
  coalesced?(operation: string): void;
  queued?(seconds: number): void;
  breaker?(state: 'open' | 'halfOpen' | 'closed'): void;
}

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
}

export interface Upstream {
  send<Op extends OperationName>(operation: Op, input: InputOf<Op>, stats?: CallStats): Promise<OutputOf<Op>>;
  /** False while the circuit breaker is open: the upstream keeps failing. */
  healthy(): boolean;
}

/** Faults of the upstream itself, which the breaker counts; a missing repository is an answer. */
const FAULTS = new Set<string>([
  ErrorCode.UPSTREAM_ERROR,
  ErrorCode.UPSTREAM_THROTTLED,
  ErrorCode.UPSTREAM_UNAVAILABLE,
]);
const isFault = (error: unknown): boolean => error instanceof GatewayError && FAULTS.has(error.code);

/** JSON with sorted keys, so equal inputs make equal keys. */
function stableKey(operation: string, input: unknown): string {
  return `${operation}:${JSON.stringify(input, (_key, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  )}`;
}

interface SendableClient {
  send(command: object, options: { abortSignal: AbortSignal }): Promise<{ $metadata: { attempts?: number } }>;
}

export function createUpstream(client: ECRPUBLICClient, options: UpstreamOptions): Upstream {
  const observer = options.observer ?? {};
  const limiter = createRateLimiter(options.maxRps);
  // After the SDK's retry middleware (finalizeRequest, high priority), so every attempt waits its turn.
  client.middlewareStack.add(
    (next) => async (args) => {
      const queuedAt = performance.now();
      await limiter.acquire();
      observer.queued?.((performance.now() - queuedAt) / 1000);
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'gatewayRateLimit' },
  );

  const cache =
    options.cacheTtlMs > 0
      ? new LRUCache<string, object>({
          ttl: options.cacheTtlMs,
          maxSize: options.cacheMaxBytes ?? 64 * 1024 * 1024,
          sizeCalculation: (value) => Math.max(1, JSON.stringify(value).length),
        })
      : undefined;
  const inFlight = new Map<string, Promise<object>>();

  const breaker = new CircuitBreaker(async (call: () => Promise<object>) => call(), {
    timeout: false,
    errorThresholdPercentage: 50,
    volumeThreshold: 10,
    rollingCountTimeout: 10_000,
    resetTimeout: options.breakerResetMs ?? 5_000,
    errorFilter: (error: unknown) => !isFault(error),
  });
  breaker.on('open', () => observer.breaker?.('open'));
  breaker.on('halfOpen', () => observer.breaker?.('halfOpen'));
  breaker.on('close', () => observer.breaker?.('closed'));

  const sendable = client as unknown as SendableClient;

  async function callAws(operation: OperationName, input: unknown, stats: CallStats | undefined): Promise<object> {
    const Command = commands[operation] as new (input: unknown) => object;
    const started = performance.now();
    let attempts = 1;
    try {
      const output = await sendable.send(new Command(input), { abortSignal: AbortSignal.timeout(options.timeoutMs) });
      attempts = output.$metadata.attempts ?? 1;
      observer.call?.(operation, 'ok', (performance.now() - started) / 1000);
      return output;
    } catch (thrown) {
      attempts = (thrown as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;
      const error = toGatewayError(thrown, operation);
      const outcome = error instanceof GatewayError ? error.code : ErrorCode.INTERNAL_SERVER_ERROR;
      observer.call?.(operation, outcome, (performance.now() - started) / 1000);
      throw error;
    } finally {
      if (stats) {
        stats.upstreamCalls[operation] = (stats.upstreamCalls[operation] ?? 0) + attempts;
        stats.retries += attempts - 1;
      }
      if (attempts > 1) observer.retries?.(operation, attempts - 1);
    }
  }

  async function throughBreaker(
    operation: OperationName,
    input: unknown,
    stats: CallStats | undefined,
  ): Promise<object> {
    try {
      return (await breaker.fire(() => callAws(operation, input, stats))) as object;
    } catch (error) {
      if (CircuitBreaker.isOurError(error as Error)) {
        throw new GatewayError(
          ErrorCode.UPSTREAM_UNAVAILABLE,
          `ECR Public keeps failing; the gateway is not calling it for a while (${operation})`,
        );
      }
      throw error;
    }
  }

  return {
    async send(operation, input, stats) {
      const key = stableKey(operation, input);
      const cached = cache?.get(key);
      if (cached) {
        if (stats) stats.cacheHits++;
        observer.cacheHit?.(operation);
        return cached as OutputOf<typeof operation>;
      }
      const pending = inFlight.get(key);
      if (pending) {
        if (stats) stats.coalesced++;
        observer.coalesced?.(operation);
        return (await pending) as OutputOf<typeof operation>;
      }
      const call = throughBreaker(operation, input, stats);
      inFlight.set(key, call);
      try {
        const output = await call;
        cache?.set(key, output);
        return output as OutputOf<typeof operation>;
      } finally {
        inFlight.delete(key);
      }
    },
    healthy: () => !breaker.opened,
  };
}
