/**
 * REGISTRY_MAX_RPS, apart from the API's budget: the same sliding-window limiter as UPSTREAM_MAX_RPS
 * (ecr/guard/rate-limit.ts in one process, src/redis/rate-limiter.ts for every replica), at a rate
 * chosen once, on the first request: the configured one, else AWS's pull rates, 10 a second when
 * GetAuthorizationToken answers (authenticated pulls) and 1 otherwise (anonymous).
 */
import type { RateLimiter } from '../ecr/guard/rate-limit';

export const ANONYMOUS_PULL_RPS = 1;
export const AUTHENTICATED_PULL_RPS = 10;

/** A limiter whose rate is decided by `rate` when the first request asks for a slot. */
export function createRegistryLimiter(
  rate: () => Promise<number>,
  make: (maxPerSecond: number) => RateLimiter,
): RateLimiter {
  let chosen: Promise<RateLimiter> | undefined;
  let limiter: RateLimiter | undefined;
  return {
    async acquire(signal, urgent) {
      chosen ??= rate().then((max) => {
        limiter = make(max);
        return limiter;
      });
      return (await chosen).acquire(signal, urgent);
    },
    queued: () => limiter?.queued() ?? 0,
  };
}
