/**
 * The rate limit as an SDK Pluggable, applied to each command's own middleware stack, never to the
 * shared client's: the client stays as it was handed over, any number of upstreams may share it,
 * and the call's deadline travels in the closure instead of an AsyncLocalStorage.
 *
 * Innermost (deserialize step, low priority: after retries and signing, right before the HTTP
 * handler), so every attempt waits its turn and its slot is taken as it leaves, not earlier: AWS
 * counts arrivals, and work between the slot and the send would skew them.
 */
import type { Pluggable } from '@smithy/types';
import type { UpstreamObserver } from './call-stats';
import type { RateLimiter } from './rate-limit';

export function rateLimitPlugin(
  limiter: RateLimiter,
  deadline: AbortSignal,
  observer: UpstreamObserver,
  urgent = false,
): Pluggable<object, object> {
  return {
    applyToStack(stack) {
      stack.add(
        (next) => async (args) => {
          const queuedAt = performance.now();
          let release: Awaited<ReturnType<RateLimiter['acquire']>>;
          try {
            // A call must not outlive its deadline waiting for a slot, nor take one after it.
            deadline.throwIfAborted();
            release = await limiter.acquire(deadline, urgent);
          } catch (error) {
            if (!deadline.aborted) throw error;
            // The signal's own reason is a DOMException; a plain TimeoutError maps the same everywhere.
            // Marked as the gateway's own wait: ECR Public never saw this call (guarded-call.ts).
            throw Object.assign(new Error('deadline passed while waiting for the rate limit'), {
              name: 'TimeoutError',
              queuedLocally: true,
            });
          }
          observer.queued?.((performance.now() - queuedAt) / 1000);
          try {
            return await next(args);
          } finally {
            release?.();
          }
        },
        { step: 'deserialize', priority: 'low', name: 'gatewayRateLimit', override: true },
      );
    },
  };
}
