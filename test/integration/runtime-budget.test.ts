/**
 * CONTRACT.md "Limits (addendum)": no request makes more upstream calls than QUERY_MAX_COST,
 * whatever the estimate said. Missing ids are the honest case: no estimate can know them, and
 * each is isolated by extra calls (data/batching/isolate-missing.ts).
 */
import { createStack } from '../helpers/stack';

const missing = (count: number): string =>
  Array.from({ length: count }, (_, i) => `m${i}: image(tag: "missing-${i}") { imageDigest }`).join(' ');

describe('the runtime budget', () => {
  it('stops a request at QUERY_MAX_COST upstream calls, at the fields past it, keeping the rest', async () => {
    const stack = createStack({ limits: { maxCost: 5 } });
    const response = await stack.query(`{ repository(name: "web/frontend") { repositoryName ${missing(40)} } }`);
    expect(stack.calls()).toBeLessThanOrEqual(5);
    expect((response.data?.repository as { repositoryName?: string } | null)?.repositoryName).toBe('web/frontend');
    const codes = new Set(response.errors?.map((error) => error.extensions?.code));
    expect(codes.has('QUERY_TOO_COMPLEX')).toBe(true);
    const refused = response.errors?.find((error) => error.extensions?.code === 'QUERY_TOO_COMPLEX');
    expect(refused?.message).toMatch(/budget of 5 upstream calls/);
    expect(refused?.path?.[0]).toBe('repository');

    // The next request has a budget of its own, and the breaker heard nothing of the refusals.
    const before = stack.calls();
    const next = await stack.query('{ repository(name: "web/backend") { repositoryName } }');
    expect(next.errors).toBeUndefined();
    expect(stack.calls() - before).toBe(1);
    expect((await stack.gateway.fetch('http://gateway/readiness')).status).toBe(200);
  });

  it('lets the same query make every call it needs under a budget that covers them', async () => {
    const stack = createStack({ limits: { maxCost: 1000 } });
    const response = await stack.query(`{ repository(name: "web/frontend") { repositoryName ${missing(40)} } }`);
    expect(stack.calls()).toBeGreaterThan(5);
    expect(response.errors?.every((error) => error.extensions?.code === 'IMAGE_NOT_FOUND')).toBe(true);
  });
});
