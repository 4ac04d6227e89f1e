/**
 * Calls the gateway's own rate limit holds past their deadline never reached ECR Public: they are
 * no evidence that it fails, so the circuit breaker does not count them.
 */
import { createRateLimiter, type RateLimiter } from '../../src/ecr/guard/rate-limit';
import { createStack } from '../helpers/stack';

describe("the gateway's own rate limit", () => {
  it('fails calls it held past their deadline with a clear error, and leaves the breaker closed', async () => {
    const stack = createStack({ upstream: { maxRps: 1, timeoutMs: 300 } });
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) => stack.query(`{ repository(name: "no/such-${i}") { repositoryName } }`)),
    );
    const held = answers.flatMap((answer) => answer.errors ?? []).filter((error) => /rate limit/.test(error.message));
    expect(held.length).toBeGreaterThanOrEqual(10);
    expect(held[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(held[0]?.message).toMatch(/ECR Public was not asked/);
    // ECR Public saw only what the limit let through, and answered each: no fault to count.
    expect(stack.calls()).toBeLessThan(24 - held.length + 1);
    const metrics = await stack.metrics.registry.metrics();
    expect(metrics).toMatch(/ecr_public_upstream_breaker_state 0\b/);
  });
});

describe('the readiness probe under a queue', () => {
  it('goes ahead of every call queued at the rate limit, so a flood never makes the gateway look dead', async () => {
    // A limiter that says when the fifth request has asked for its slot: all five are then queued or sent.
    const inner = createRateLimiter(2);
    let asked = 0;
    let allAsked: () => void = () => undefined;
    const queuedUp = new Promise<void>((resolve) => {
      allAsked = resolve;
    });
    const limiter: RateLimiter = {
      acquire(signal, urgent) {
        asked += 1;
        if (asked === 5) allAsked();
        return inner.acquire(signal, urgent);
      },
      queued: inner.queued,
    };
    const stack = createStack({ upstream: { maxRps: 2, timeoutMs: 10_000, stores: { limiter } } });
    const queries = Array.from({ length: 5 }, (_, i) =>
      stack.query(`{ repository(name: "no/such-${i}") { repositoryName } }`),
    );
    await queuedUp;
    expect(inner.queued()).toBe(3);

    const ready = await stack.gateway.fetch('http://gateway/readiness');
    expect(ready.status).toBe(200);
    // ECR Public saw two queued-up lookups, then the probe (maxResults 1), then the other three.
    const seen = stack.emulator.calls.all().map((call) => (call.input as { maxResults?: number }).maxResults === 1);
    expect(seen.slice(0, 3)).toEqual([false, false, true]);
    await Promise.all(queries);
    expect(stack.calls('DescribeRepositories')).toBe(6);
  });
});
