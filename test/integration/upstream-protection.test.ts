import { createEcrPublicClient } from '../../src/ecr/client';
import { createCallStats } from '../../src/ecr/guard/call-stats';
import { createUpstream } from '../../src/ecr/guard/upstream';
import { createEmulator } from '../../src/emulator';
import { testFixture } from '../helpers/fixture';
import { createStack, type GraphQLResponse } from '../helpers/stack';

const PAGE = '{ repository(name: "web/frontend") { images(first: 10) { edges { node { imageDigest } } } } }';
const COST = { 'x-include-cost': '1' };

describe('upstream protection', () => {
  it('leaves the SDK client as it was handed over: two upstreams on one client each keep their own rate limit', async () => {
    const emulator = createEmulator(testFixture());
    const client = createEcrPublicClient({
      region: 'us-east-1',
      timeoutMs: 5000,
      requestHandler: emulator.requestHandler,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const middleware = client.middlewareStack.identify();
    const strict = createUpstream(client, { timeoutMs: 5000, maxRps: 1, cacheTtlMs: 0 }).forRequest(createCallStats());
    const loose = createUpstream(client, { timeoutMs: 5000, maxRps: 50, cacheTtlMs: 0 }).forRequest(createCallStats());
    expect(client.middlewareStack.identify()).toEqual(middleware);

    const describe = (upstream: typeof strict, name: string) =>
      upstream.send('DescribeRepositories', { repositoryNames: [name] });
    const strictCalls = ['web/frontend', 'web/backend'].map((name) => describe(strict, name));
    // The strict upstream's second call waits for its own limit; the loose one's calls do not.
    const looseAnswers = await Promise.all(
      ['web/frontend', 'web/backend', 'big/listing'].map((name) => describe(loose, name)),
    );
    expect(looseAnswers.map((answer) => answer.repositories?.[0]?.repositoryName)).toEqual([
      'web/frontend',
      'web/backend',
      'big/listing',
    ]);
    expect(strict.stats.upstreamCalls).toEqual({ DescribeRepositories: 1 });
    expect(loose.stats.upstreamCalls).toEqual({ DescribeRepositories: 3 });
    await Promise.all(strictCalls);
    expect(strict.stats.upstreamCalls).toEqual({ DescribeRepositories: 2 });
  });

  it('collapses concurrent identical requests into one upstream call', async () => {
    const stack = createStack({ upstream: { cacheTtlMs: 0 } });
    stack.emulator.faults.set({ latencyMs: 50 });
    const responses = await Promise.all(Array.from({ length: 50 }, () => stack.query(PAGE, undefined, COST)));
    for (const response of responses) expect(response.errors).toBeUndefined();
    expect(stack.calls('DescribeRepositories')).toBe(1);
    expect(stack.calls('DescribeImages')).toBe(1);
    const coalesced = responses.reduce(
      (sum, r) => sum + ((r.extensions?.cost as { coalesced?: number } | undefined)?.coalesced ?? 0),
      0,
    );
    expect(coalesced).toBe(98);
  });

  it('serves repeats from the cache while it lives, and not at all with UPSTREAM_CACHE_TTL_MS=0', async () => {
    const cached = createStack();
    await cached.query(PAGE);
    const again = await cached.query(PAGE, undefined, COST);
    expect(cached.calls()).toBe(2);
    expect(again.extensions?.cost).toEqual({ upstreamCalls: {}, cacheHits: 2, coalesced: 0, retries: 0 });

    const uncached = createStack({ upstream: { cacheTtlMs: 0 } });
    await uncached.query(PAGE);
    await uncached.query(PAGE);
    expect(uncached.calls()).toBe(4);
  });

  it("reports a request's cost exactly as the emulator counted it, retries included", async () => {
    const stack = createStack({ maxAttempts: 3, upstream: { cacheTtlMs: 0 } });
    stack.emulator.faults.failNext('ServerException', 1, 'DescribeImages');
    const response = await stack.query(
      '{ a: repository(name: "web/frontend") { images(first: 5) { edges { cursor } } } b: repository(name: "web/backend") { image(tag: "v1") { imageDigest } } }',
      undefined,
      COST,
    );
    expect(response.errors).toBeUndefined();
    const cost = response.extensions?.cost as { upstreamCalls: Record<string, number>; retries: number };
    expect(cost.upstreamCalls).toEqual({
      DescribeRepositories: stack.calls('DescribeRepositories'),
      DescribeImages: stack.calls('DescribeImages'),
    });
    expect(cost.upstreamCalls.DescribeImages).toBe(3);
    expect(cost.retries).toBe(1);
  });

  it('sends no cost extension unless asked', async () => {
    const stack = createStack();
    expect((await stack.query(PAGE)).extensions?.cost).toBeUndefined();
  });

  it('never starts more calls in any one-second window than UPSTREAM_MAX_RPS; the burst queues', async () => {
    const stack = createStack({ upstream: { maxRps: 20, cacheTtlMs: 0 } });
    // 30 distinct repositories' pages at once: 30+ distinct calls against a limit of 20 a second.
    const names = ['web/frontend', 'web/backend', 'big/listing', 'empty'];
    const queries = Array.from(
      { length: 30 },
      (_, i) => `{ repository(name: "${names[i % 4]}") { images(first: ${i + 1}) { edges { cursor } } } }`,
    );
    const responses = await Promise.all(queries.map((q) => stack.query(q)));
    for (const response of responses) expect(response.errors).toBeUndefined();
    const starts = stack.emulator.calls.all().map((call) => call.at);
    expect(starts.length).toBeGreaterThan(20);
    for (const at of starts) {
      expect(starts.filter((other) => other >= at && other < at + 1000).length).toBeLessThanOrEqual(20);
    }
  });

  it('gives up a call at its deadline while it waits for the rate limit, and sends nothing for it', async () => {
    const stack = createStack({ timeoutMs: 300, upstream: { maxRps: 1, cacheTtlMs: 0 } });
    // One slot a second: the repository lookup takes it; the pages wait past their deadline.
    const pages = [1, 2, 3].map((n) =>
      stack.query(`{ repository(name: "web/frontend") { images(first: ${n}) { edges { cursor } } } }`),
    );
    for (const response of await Promise.all(pages)) {
      expect(response.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    }
    expect(stack.calls()).toBe(1);
  });

  it('fails fast with UPSTREAM_UNAVAILABLE once the upstream keeps failing, and says so on /readiness', async () => {
    const stack = createStack({ upstream: { cacheTtlMs: 0, breakerResetMs: 60_000 } });
    stack.emulator.faults.set({ serverErrorRate: 1 });
    const queries = Array.from(
      { length: 12 },
      (_, i) => `{ repository(name: "web/frontend") { images(first: ${i + 1}) { edges { cursor } } } }`,
    );
    for (const q of queries) await stack.query(q);
    const sentBefore = stack.calls();
    const response: GraphQLResponse = await stack.query(PAGE);
    expect(response.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(stack.calls()).toBe(sentBefore);
    const readiness = await stack.gateway.fetch('http://gateway/readiness');
    expect(readiness.status).toBe(503);
    expect(stack.calls()).toBe(sentBefore);
  });

  it('says not ready as soon as the upstream stops answering, whatever the caches hold, and ready again after', async () => {
    const stack = createStack({ maxAttempts: 1 });
    const readiness = async () => (await stack.gateway.fetch('http://gateway/readiness')).status;
    expect(await readiness()).toBe(200);
    stack.emulator.faults.set({ dropRate: 1 });
    expect(await readiness()).toBe(503);
    stack.emulator.faults.reset();
    expect(await readiness()).toBe(200);
    expect(stack.calls('DescribeRepositories')).toBe(3);
  });

  it('reports upstream calls, cache hits and coalescing on /metrics as they happen', async () => {
    const stack = createStack();
    await stack.query(PAGE);
    await stack.query(PAGE);
    const text = await (await stack.gateway.fetch('http://gateway/metrics')).text();
    expect(text).toMatch(/ecr_public_upstream_calls_total\{operation="DescribeImages",outcome="ok"\} 1\b/);
    expect(text).toMatch(/ecr_public_upstream_cache_hits_total\{operation="DescribeImages"\} 1\b/);
    expect(text).toMatch(/graphql_envelop_request_duration/);
  });
});
