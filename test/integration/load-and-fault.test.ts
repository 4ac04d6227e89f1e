/**
 * Bounded load and faults against the real gateway process (ECR_PUBLIC_BACKEND=aws, the SDK's
 * HTTP path) over an emulator that adds latency, 5xx, throttling and dropped connections.
 * Counts and windows are asserted, never wall-clock durations.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { JITTER_GUARD_MS } from '../../src/ecr/guard/rate-limit';
import { createEmulator, type Emulator } from '../../src/emulator';
import { REGISTRY_ID, testFixture } from '../helpers/fixture';
import { awsBackendEnv, GATEWAY_READY, type Started, startScript } from '../helpers/process';
import type { GraphQLResponse } from '../helpers/stack';

const CONTRACT_CODES = new Set([
  'REPOSITORY_NOT_FOUND',
  'IMAGE_NOT_FOUND',
  'REGISTRY_NOT_FOUND',
  'BAD_USER_INPUT',
  'UNSUPPORTED_COMMAND',
  'UPSTREAM_ERROR',
  'UPSTREAM_THROTTLED',
  'UPSTREAM_UNAUTHORIZED',
  'UPSTREAM_UNAVAILABLE',
]);
const MAX_RPS = 20;

async function startGateway(upstreamUrl: string, env: Record<string, string> = {}): Promise<Started> {
  return startScript(
    'src/main.ts',
    {
      ...awsBackendEnv(upstreamUrl),
      LOG_LEVEL: 'info',
      UPSTREAM_MAX_RPS: String(MAX_RPS),
      AWS_MAX_ATTEMPTS: '3',
      ...env,
    },
    GATEWAY_READY,
  );
}

async function post(
  base: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ status: number; body: GraphQLResponse }> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-include-cost': '1' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

/** The upstream calls a response says it made (`extensions.cost`, asked for by `post`). */
function callsOf(body: GraphQLResponse): number {
  const cost = body.extensions?.cost as { upstreamCalls: Record<string, number> };
  return Object.values(cost.upstreamCalls).reduce((sum, n) => sum + n, 0);
}

/** The most calls the emulator saw arrive within any window of `windowMs`. */
function busiestWindow(emulator: Emulator, windowMs: number): number {
  const starts = emulator.calls
    .all()
    .map((call) => call.at)
    .sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < starts.length; i++) {
    while ((starts[i] as number) - (starts[j] as number) >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

describe('under load and upstream faults', () => {
  let emulator: Emulator;
  let upstream: { url: string; close(): Promise<void> };
  let gateway: Started;
  let base: string;

  beforeAll(async () => {
    emulator = createEmulator(testFixture());
    upstream = await emulator.listen(0);
    gateway = await startGateway(upstream.url);
    base = gateway.match[1] as string;
  });

  afterAll(async () => {
    gateway.child.kill('SIGKILL');
    await upstream.close();
  });

  it('answers every request with well-formed GraphQL, stays under the rate limit, and keeps its memory', async () => {
    emulator.faults.set({
      latencyMs: 5,
      jitterMs: 20,
      serverErrorRate: 0.1,
      throttleRate: 0.05,
      dropRate: 0.05,
      maxCallsPerSecond: MAX_RPS,
      seed: 7,
    });
    // Scraping also resets the gateway's event-loop delay gauge, so the next scrape covers the run.
    const rssBefore = await metric(base, 'process_resident_memory_bytes');
    // The emulator stamps a call when this process's event loop gets to it; under load that is late
    // by up to the loop's delay, which is measured to bound the stamps' error.
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const names = ['web/frontend', 'web/backend', 'big/listing', 'no/such-repo'];
    let next = 0;
    // 600 requests over 200 distinct queries: about 200 upstream calls plus retries, 10 s at 20/s.
    const total = 600;
    const results: { status: number; body: GraphQLResponse }[] = [];
    // 25 clients, each sending its next request as soon as the last is answered.
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        while (next < total) {
          const n = next++;
          const first = (n % 50) + 1;
          const name = names[n % names.length];
          results.push(
            await post(
              base,
              `{ repository(name: "${name}") { images(first: ${first}) { edges { node { imageDigest } } } } }`,
            ),
          );
        }
      }),
    );

    expect(results).toHaveLength(total);
    const codes = new Map<string, number>();
    for (const { status, body } of results) {
      expect(status).toBe(200);
      expect(body.data === undefined && body.errors === undefined).toBe(false);
      for (const error of body.errors ?? []) {
        const code = String(error.extensions?.code);
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }
    for (const code of codes.keys()) expect(CONTRACT_CODES).toContain(code);
    expect(codes.get('REPOSITORY_NOT_FOUND')).toBeGreaterThan(0);

    // The upstream never saw more calls in one second than the gateway's limit.
    expect(emulator.calls.count()).toBeGreaterThan(MAX_RPS);
    lag.disable();
    // The limiter starts at most MAX_RPS calls in any 1000 + JITTER_GUARD_MS ms. A call reaches the
    // emulator's stamp late by the gateway's event-loop delay plus this process's: stamps that fall
    // within (span - that error) of each other were started within one span, so no window that
    // short may hold more than the limit. On a quiet machine the window is nearly the full span.
    const gatewayLag = (await metric(base, 'nodejs_eventloop_lag_max_seconds')) * 1000;
    const stampError = Math.ceil(gatewayLag + lag.max / 1e6);
    const window = Math.max(300, 1000 + JITTER_GUARD_MS - stampError);
    expect({ window, busiest: busiestWindow(emulator, window) }).toEqual({ window, busiest: expect.any(Number) });
    expect(busiestWindow(emulator, window)).toBeLessThanOrEqual(MAX_RPS);

    // Alive, and its memory bounded.
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const rssAfter = await metric(base, 'process_resident_memory_bytes');
    expect(rssAfter - rssBefore).toBeLessThan(200 * 1024 * 1024);
  }, 60_000);

  it('collapses concurrent identical requests into one upstream call', async () => {
    emulator.faults.reset();
    emulator.faults.set({ latencyMs: 200 });
    const query = '{ repository(name: "web/backend") { images(first: 17) { edges { cursor } } } }';
    const before = emulator.calls.all().length;
    const answers = await Promise.all(Array.from({ length: 100 }, () => post(base, query)));
    for (const { body } of answers) expect(body.errors).toBeUndefined();
    const pages = emulator.calls
      .all()
      .slice(before)
      .filter(
        (call) => call.operation === 'DescribeImages' && (call.input as { maxResults?: number }).maxResults === 17,
      );
    expect(pages).toHaveLength(1);
  });

  it("holds the adversarial probe's attacks: no request past QUERY_MAX_COST calls, the breaker closed, /readiness up", async () => {
    emulator.faults.reset();
    const own = await startGateway(upstream.url, { QUERY_MAX_COST: '30', UPSTREAM_CACHE_TTL_MS: '0' });
    try {
      const ownBase = own.match[1] as string;
      const before = emulator.calls.count();

      // 300 representations of repositories that do not exist: 3 batches, then the calls that isolate
      // each missing name, which the runtime budget stops at 30.
      const representations = Array.from({ length: 300 }, (_, i) => ({
        __typename: 'Repository',
        registryId: REGISTRY_ID,
        repositoryName: `spread/r${i}`,
      }));
      const entities = await post(
        ownBase,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Repository { repositoryName } } }',
        { r: representations },
      );
      expect(entities.body.errors?.some((e) => e.extensions?.code === 'QUERY_TOO_COMPLEX')).toBe(true);
      expect(callsOf(entities.body)).toBeLessThanOrEqual(30);
      expect(emulator.calls.count() - before).toBe(callsOf(entities.body));

      // A fragment-spread bomb (2^30 spreads if walked naively) beside /health: priced once per fragment.
      const fragments = Array.from({ length: 30 }, (_, i) =>
        i === 0
          ? 'fragment F0 on Query { repository(name: "web/frontend") { repositoryName } }'
          : `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`,
      );
      const [bomb, health] = await Promise.all([
        post(ownBase, `{ ...F29 } ${fragments.join(' ')}`),
        fetch(`${base}/health`),
      ]);
      expect(health.status).toBe(200);
      expect(bomb.body.errors).toBeUndefined();
      expect(bomb.body.data).toEqual({ repository: { repositoryName: 'web/frontend' } });

      // Four at once, each of 100 missing images (each costs calls to isolate): each stops at its budget,
      // and the 120 calls they queue at 20/s outlast the 5 s deadline: local waits, which the breaker ignores.
      const missing = (k: number): string =>
        Array.from({ length: 100 }, (_, i) => `m${i}: image(tag: "missing-${k}-${i}") { imageDigest }`).join(' ');
      const floods = await Promise.all(
        [0, 1, 2, 3].map((k) => post(ownBase, `{ repository(name: "web/frontend") { ${missing(k)} } }`)),
      );
      const made = floods.map(({ body }) => callsOf(body));
      for (const calls of made) expect(calls).toBeLessThanOrEqual(30);
      const codes = new Set(floods.flatMap(({ body }) => body.errors ?? []).map((e) => String(e.extensions?.code)));
      expect(codes).toContain('QUERY_TOO_COMPLEX');
      for (const code of codes) expect([...CONTRACT_CODES, 'QUERY_TOO_COMPLEX']).toContain(code);
      // What the requests say they made is what the emulator received (the bomb's one lookup beside).
      expect(emulator.calls.count() - before).toBe(callsOf(entities.body) + made.reduce((sum, n) => sum + n, 0) + 1);

      // ECR Public answered every call: the breaker is closed and the gateway ready.
      expect(await metric(ownBase, 'ecr_public_upstream_breaker_state')).toBe(0);
      expect((await fetch(`${ownBase}/readiness`)).status).toBe(200);
    } finally {
      own.child.kill('SIGKILL');
    }
  }, 30_000);

  it('finishes the requests in flight on SIGTERM and exits 0', async () => {
    emulator.faults.reset();
    emulator.faults.set({ latencyMs: 300 });
    const own = await startGateway(upstream.url, { UPSTREAM_CACHE_TTL_MS: '0', UPSTREAM_MAX_RPS: '1000' });
    try {
      const ownBase = own.match[1] as string;
      const pagesBefore = emulator.calls.count('DescribeImages');
      const inFlight = Array.from({ length: 30 }, (_, i) =>
        post(ownBase, `{ repository(name: "big/listing") { images(first: ${i + 1}) { edges { cursor } } } }`),
      );
      // SIGTERM once the upstream holds every one of them: a signal, not a sleep.
      await new Promise<void>((resolve) => {
        const check = (): void =>
          emulator.calls.count('DescribeImages') >= pagesBefore + 30 ? resolve() : void setImmediate(check);
        check();
      });
      own.child.kill('SIGTERM');
      const answers = await Promise.all(inFlight);
      for (const { status, body } of answers) {
        expect(status).toBe(200);
        expect(body.errors).toBeUndefined();
      }
      expect(await own.exited).toBe(0);
    } finally {
      own.child.kill('SIGKILL');
    }
  }, 30_000);
});
