/**
 * One upstream call past the caches: circuit breaker -> SDK call with a deadline, whose every
 * attempt (retries included) first takes a slot of the rate limit (rate-limit-plugin.ts). Turns
 * whatever the SDK throws into the contract's errors (../sdk-errors.ts) and accounts the call in
 * the request's stats and metrics.
 */
import type { ECRPUBLICClient } from '@aws-sdk/client-ecr-public';
import type { Pluggable } from '@smithy/types';
import CircuitBreaker from 'opossum';
import { ErrorCode, GatewayError } from '../../errors';
import { commands, type OperationName } from '../client';
import { toGatewayError } from '../sdk-errors';
import { heldLocally, isBreakerFault } from './breaker-faults';
import type { CallStats, UpstreamObserver } from './call-stats';
import type { RateLimiter } from './rate-limit';
import { rateLimitPlugin } from './rate-limit-plugin';

export interface GuardedCallOptions {
  /** Deadline of one call, retries included. */
  timeoutMs: number;
  limiter: RateLimiter;
  observer: UpstreamObserver;
  /** How long the breaker stays open before it tries again. @default 5000 */
  breakerResetMs?: number;
}

export interface GuardedCall {
  /** `urgent`: ahead of every call queued at the rate limit (the readiness probe). */
  call(operation: OperationName, input: unknown, stats: CallStats | undefined, urgent?: boolean): Promise<object>;
  /** False while the circuit breaker is open: the upstream keeps failing. */
  healthy(): boolean;
}

/** A command as the guard handles it: its own middleware stack takes the rate limit. */
interface GuardedCommand {
  middlewareStack: { use(pluggable: Pluggable<object, object>): void };
}

interface SendableClient {
  send(command: object, options: { abortSignal: AbortSignal }): Promise<{ $metadata: { attempts?: number } }>;
}

export function createGuardedCall(client: ECRPUBLICClient, options: GuardedCallOptions): GuardedCall {
  const { limiter, observer } = options;
  const breaker = new CircuitBreaker(async (call: () => Promise<object>) => call(), {
    timeout: false,
    errorThresholdPercentage: 50,
    volumeThreshold: 10,
    rollingCountTimeout: 10_000,
    resetTimeout: options.breakerResetMs ?? 5_000,
    errorFilter: (error: unknown) => !isBreakerFault(error),
  });
  breaker.on('open', () => observer.breaker?.('open'));
  breaker.on('halfOpen', () => observer.breaker?.('halfOpen'));
  breaker.on('close', () => observer.breaker?.('closed'));

  const sendable = client as unknown as SendableClient;

  async function callAws(
    operation: OperationName,
    input: unknown,
    stats: CallStats | undefined,
    urgent: boolean,
  ): Promise<object> {
    const Command = commands[operation] as new (input: unknown) => GuardedCommand;
    const started = performance.now();
    let attempts = 1;
    try {
      const abortSignal = AbortSignal.timeout(options.timeoutMs);
      const command = new Command(input);
      command.middlewareStack.use(rateLimitPlugin(limiter, abortSignal, observer, urgent));
      const output = await sendable.send(command, { abortSignal });
      attempts = output.$metadata.attempts ?? 1;
      observer.call?.(operation, 'ok', (performance.now() - started) / 1000);
      return output;
    } catch (thrown) {
      const sent = thrown as { $metadata?: { attempts?: number }; queuedLocally?: boolean };
      if (sent.queuedLocally) {
        attempts = sent.$metadata?.attempts ?? 0;
        const held = heldLocally(
          new GatewayError(
            ErrorCode.UPSTREAM_UNAVAILABLE,
            `The gateway's own rate limit (UPSTREAM_MAX_RPS) held this call past its deadline (${operation}); ECR Public was not asked`,
          ),
        );
        observer.call?.(operation, 'QUEUED_PAST_DEADLINE', (performance.now() - started) / 1000);
        throw held;
      }
      attempts = sent.$metadata?.attempts ?? 1;
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
    urgent = false,
  ): Promise<object> {
    try {
      return (await breaker.fire(() => callAws(operation, input, stats, urgent))) as object;
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
