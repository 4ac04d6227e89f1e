/**
 * Issue 8, scale-out: two gateway processes share one cache, in-flight calls and one AWS budget
 * through a real redis-server, and keep serving, with their own cache and limit, while it is
 * slow (SIGSTOP) or gone (SIGKILL), sharing again once it is back.
 */

import { describeWithRedis, waitForRedisState } from '../helpers/redis';
import { busiestSecond, type Replicas, startReplicas } from '../helpers/replicas';
import type { GraphQLResponse } from '../helpers/stack';

const MAX_RPS = 10;
const COST = { 'x-include-cost': '1' };
const page = (repository: string, first: number): string =>
  `{ repository(name: "${repository}") { images(first: ${first}) { edges { node { imageDigest imagePushedAt } } } } }`;

/** Well-formed and whole: data for the repository, no error of any kind. */
function expectAnswered(body: GraphQLResponse): void {
  expect(body.errors).toBeUndefined();
  const edges = (body.data?.repository as { images?: { edges?: unknown } } | undefined)?.images?.edges;
  expect(Array.isArray(edges)).toBe(true);
}

describeWithRedis('replicas sharing Redis', () => {
  let replicas: Replicas;
  let a: string;
  let b: string;

  beforeAll(async () => {
    // Calls may queue for seconds behind the shared limit: their deadline must outlast the queue.
    replicas = await startReplicas({ UPSTREAM_MAX_RPS: String(MAX_RPS), UPSTREAM_TIMEOUT_MS: '20000' });
    [a, b] = replicas.bases;
    await waitForRedisState(replicas.bases, true);
  });
  afterAll(async () => {
    await replicas?.stop();
  });

  it("serves the second replica's identical request from the shared caches, without a new upstream call", async () => {
    const first = await replicas.post(a, page('web/frontend', 7), COST);
    expectAnswered(first.body);
    const calls = replicas.emulator.calls.count();

    // The same client on B: the shared whole-response cache.
    const same = await replicas.post(b, page('web/frontend', 7), COST);
    expect(replicas.emulator.calls.count()).toBe(calls);
    expect(same.body.data).toEqual(first.body.data);
    expect(same.body.extensions?.cost).toMatchObject({ upstreamCalls: {}, responseCache: true });

    // Another client (a response-cache scope of its own) on B: the shared upstream cache.
    const other = await replicas.post(b, page('web/frontend', 7), { ...COST, 'x-api-key': 'another-client' });
    expect(replicas.emulator.calls.count()).toBe(calls);
    expect(other.body.data).toEqual(first.body.data);
    expect(other.body.extensions?.cost).toMatchObject({ upstreamCalls: {}, cacheHits: 2 });
  });

  it('keeps both replicas together within one UPSTREAM_MAX_RPS in every sliding second, and calls once per distinct page', async () => {
    replicas.emulator.calls.reset();
    // 45 distinct pages, each asked 3 times on each replica: 270 requests, 20 at a time on each.
    const pages = ['web/frontend', 'web/backend', 'big/listing'].flatMap((repository) =>
      Array.from({ length: 15 }, (_, i) => page(repository, 20 + i)),
    );
    const queue = pages.flatMap((query) => [a, b, a, b, a, b].map((base) => ({ base, query })));
    const responses: { body: GraphQLResponse }[] = [];
    const worker = async (): Promise<void> => {
      for (let job = queue.shift(); job; job = queue.shift()) responses.push(await replicas.post(job.base, job.query));
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: 40 }, worker));
    const seconds = (Date.now() - started) / 1000;
    for (const response of responses) expectAnswered(response.body);

    const calls = replicas.emulator.calls.all();
    const describeImages = calls.filter((call) => call.operation === 'DescribeImages').length;
    const busiest = busiestSecond(calls.map((call) => call.at));
    process.stdout.write(
      `redis load: ${responses.length} requests, ${calls.length} upstream calls (${describeImages} DescribeImages for ${pages.length} distinct pages) in ${seconds.toFixed(1)} s; busiest second ${busiest} calls, limit ${MAX_RPS}\n`,
    );
    expect(busiest).toBeLessThanOrEqual(MAX_RPS);
    expect(calls.length).toBeGreaterThan(3 * MAX_RPS);
    // Every page was called for once, whichever replica asked first: the others waited or hit the cache.
    expect(describeImages).toBe(pages.length);
  });

  it('loses no request while Redis is slow or gone, and shares again once it is back', async () => {
    let n = 0;
    let running = true;
    const answered: GraphQLResponse[] = [];
    // Two clients, one per replica, each asking for page after distinct page until told to stop.
    const client = async (base: string, offset: number): Promise<void> => {
      while (running) {
        const i = n++;
        const repository = i % 2 === 0 ? 'web/frontend' : 'web/backend';
        answered.push((await replicas.post(base, page(repository, 1 + ((offset + i) % 19)))).body);
      }
    };
    const clients = [client(a, 0), client(b, 7)];
    const served = async (more: number): Promise<void> => {
      const target = answered.length + more;
      while (answered.length < target) await new Promise((resolve) => setTimeout(resolve, 5));
    };

    await served(5);
    replicas.redis().child.kill('SIGSTOP'); // slow: connected, never answering
    await waitForRedisState(replicas.bases, false);
    await served(5);
    replicas.redis().child.kill('SIGCONT');
    await waitForRedisState(replicas.bases, true);

    await served(5);
    await replicas.redis().kill(); // gone
    await waitForRedisState(replicas.bases, false);
    const readiness = await fetch(`${b}/readiness`);
    expect(readiness.status).toBe(200);
    expect(readiness.headers.get('x-redis')).toBe('down');
    await served(5);
    await replicas.restartRedis();
    await waitForRedisState(replicas.bases, true);
    await served(5);
    running = false;
    await Promise.all(clients);

    expect(answered.length).toBeGreaterThanOrEqual(25);
    for (const body of answered) expectAnswered(body as GraphQLResponse);
    expect((await fetch(`${b}/readiness`)).headers.get('x-redis')).toBe('up');

    // Sharing is back: B's identical request after A's costs nothing upstream.
    const fresh = page('big/listing', 3);
    expectAnswered((await replicas.post(a, fresh)).body);
    const calls = replicas.emulator.calls.count();
    expectAnswered((await replicas.post(b, fresh)).body);
    expect(replicas.emulator.calls.count()).toBe(calls);
  });
});
