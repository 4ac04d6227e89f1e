/**
 * One upstream call past the caches: circuit breaker -> SDK call with a deadline, whose every
 * attempt (retries included) first takes a slot of the rate limit. Turns whatever the SDK throws
 * into the contract's errors (errors.ts) and accounts the call in the request's stats and metrics.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ECRPUBLICClient } from '@aws-sdk/client-ecr-public';
import CircuitBreaker from 'opossum';
import { commands, type OperationName } from './client';
import { ErrorCode, GatewayError, toGatewayError } from './errors';
import type { RateLimiter } from './rate-limit';
import type { CallStats, UpstreamObserver } from './upstream';

export interface GuardedCallOptions {
  /** Deadline of one call, retries included. */
  timeoutMs: number;
  limiter: RateLimiter;
  observer: UpstreamObserver;
  /** How long the breaker stays open before it tries again. @default 5000 */
  breakerResetMs?: number;
}

export interface GuardedCall {
  call(operation: OperationName, input: unknown, stats: CallStats | undefined): Promise<object>;
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

interface SendableClient {
  send(command: object, options: { abortSignal: AbortSignal }): Promise<{ $metadata: { attempts?: number } }>;
}

export function createGuardedCall(client: ECRPUBLICClient, options: GuardedCallOptions): GuardedCall {
  const { limiter, observer } = options;
  // The call's deadline, for the middleware below: the SDK hands its abort signal only to the HTTP
  // handler, and a call must not outlive its deadline waiting for a slot, nor take one after it.
  const deadline = new AsyncLocalStorage<AbortSignal>();
  // Innermost (deserialize step, low priority: after retries and signing, right before the HTTP
  // handler), so every attempt waits its turn and its slot is taken as it leaves, not earlier: AWS
  // counts arrivals, and work between the slot and the send would skew them.
  client.middlewareStack.add(
    (next) => async (args) => {
      const queuedAt = performance.now();
      const signal = deadline.getStore();
      let release: Awaited<ReturnType<RateLimiter['acquire']>>;
      try {
        signal?.throwIfAborted();
        release = await limiter.acquire(signal);
      } catch (error) {
        if (!signal?.aborted) throw error;
        // The signal's own reason is a DOMException; a plain TimeoutError maps the same everywhere.
        throw Object.assign(new Error('deadline passed while waiting for the rate limit'), { name: 'TimeoutError' });
      }
      observer.queued?.((performance.now() - queuedAt) / 1000);
      try {
        return await next(args);
      } finally {
        release?.();
      }
    },
    { step: 'deserialize', priority: 'low', name: 'gatewayRateLimit' },
  );

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
      const abortSignal = AbortSignal.timeout(options.timeoutMs);
      const output = await deadline.run(abortSignal, () => sendable.send(new Command(input), { abortSignal }));
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

  return { call: throughBreaker, healthy: () => !breaker.opened };
}
