/**
 * Calls the gateway's own rate limit holds past their deadline never reached ECR Public: they are
 * no evidence that it fails, so the circuit breaker does not count them.
 */
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
