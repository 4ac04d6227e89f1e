/**
 * What a subscription meets before it streams, as any request does: argument checks, the
 * repository looked up, IMAGE_LISTING_CAP, the query cost limit and SUBSCRIPTIONS_MAX, each refused
 * with its code, and the checks it can make itself with no upstream call. Then the watcher's life:
 * an outage keeps the stream open and reports what changed during it; the last subscriber leaving
 * stops the polls; `tagPrefix` keeps only its tags' changes.
 */
import { createDemoCatalog } from '../../src/emulator';
import { exampleQuery } from '../../src/graphiql-example';
import { digestOf } from '../helpers/fixture';
import { createStack, type Stack } from '../helpers/stack';
import { type Subscriber, sseSubscriber } from '../helpers/subscribers';
import { changesOf, morePolls, pollsOf, until } from '../helpers/watching';

const INTERVAL = 1000;
const fetchOf = (stack: Stack) => (url: string, init: RequestInit) => stack.gateway.fetch(url, init);
const subscribe = (stack: Stack, query: string) => sseSubscriber(fetchOf(stack), 'http://gateway/graphql', query);
const watched = async (stack: Stack): Promise<number> => {
  const text = await (await stack.gateway.fetch('http://gateway/metrics')).text();
  return Number(text.match(/^gateway_watch_repositories (\d+)/m)?.[1] ?? -1);
};

describe('refused before streaming', () => {
  it.each([
    ['a malformed repository name', changesOf('Not A Name!'), 'BAD_USER_INPUT', 0],
    [
      'a malformed registry id',
      'subscription { repositoryChanged(repositoryName: "empty", registryId: "12") { kind } }',
      'BAD_USER_INPUT',
      0,
    ],
    ['a repository that does not exist', changesOf('no/such'), 'REPOSITORY_NOT_FOUND', 1],
    ['a repository past IMAGE_LISTING_CAP', changesOf('big/listing'), 'BAD_USER_INPUT', 3],
  ])('%s: %s', async (_what, query, code, calls) => {
    const stack = createStack({ imageListingCap: 1000, watch: { intervalMs: INTERVAL } });
    const sub = await subscribe(stack, query);
    const event = await sub.next();
    await sub.completed;
    expect(event.errors?.[0]?.extensions?.code).toBe(code);
    expect(JSON.stringify(event)).not.toMatch(/stack|at [A-Za-z]+ \(/);
    expect(stack.calls()).toBe(calls);
    expect(await watched(stack)).toBe(0);
  });

  it('over QUERY_MAX_COST: QUERY_TOO_COMPLEX, no call', async () => {
    const stack = createStack({ limits: { maxCost: 5 }, watch: { intervalMs: INTERVAL } });
    const sub = await subscribe(stack, changesOf('web/frontend'));
    expect((await sub.next()).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(stack.calls()).toBe(0);
  });

  it('past SUBSCRIPTIONS_MAX: RATE_LIMITED with no call, and a place again once a stream ends', async () => {
    const stack = createStack({ watch: { intervalMs: INTERVAL, subscriptionsMax: 2 } });
    const open = [await subscribe(stack, changesOf('web/frontend')), await subscribe(stack, changesOf('empty'))];
    const calls = stack.calls();
    const refused = await subscribe(stack, changesOf('web/backend'));
    expect((await refused.next()).errors?.[0]).toMatchObject({
      message: expect.stringContaining('SUBSCRIPTIONS_MAX'),
      extensions: { code: 'RATE_LIMITED' },
    });
    expect(stack.calls()).toBe(calls);
    open[0]?.close();
    await until(async () => (await watched(stack)) === 1, 5000, 'one repository watched');
    const again = await subscribe(stack, changesOf('web/backend'));
    expect(again.received).toEqual([]);
    for (const sub of [...open, again]) sub.close();
  });
});

describe('the watcher', () => {
  let stack: Stack;
  let subscriber: Subscriber;
  beforeAll(async () => {
    stack = createStack({ watch: { intervalMs: INTERVAL } });
    subscriber = await subscribe(stack, changesOf('web/backend', 'rc-'));
  });
  afterAll(() => subscriber.close());

  it('keeps the stream open through an outage and reports what changed during it once ECR Public answers', async () => {
    stack.emulator.faults.set({ serverErrorRate: 1, operations: ['DescribeImages'] });
    await morePolls(stack.emulator.calls, 'web/backend', 1);
    stack.emulator.control.push({
      repositoryName: 'web/backend',
      image: { imageDigest: digestOf('rc'), imageTags: ['rc-1'] },
    });
    stack.emulator.control.push({
      repositoryName: 'web/backend',
      image: { imageDigest: digestOf('other'), imageTags: ['x'] },
    });
    await morePolls(stack.emulator.calls, 'web/backend', 1);
    expect(subscriber.received).toEqual([]);
    stack.emulator.faults.reset();
    const event = await subscriber.next(3 * INTERVAL);
    // tagPrefix 'rc-': the image tagged x is not this subscriber's.
    expect(event.data?.repositoryChanged).toMatchObject({ kind: 'IMAGE_PUSHED', imageDigest: digestOf('rc') });
    await morePolls(stack.emulator.calls, 'web/backend', 1);
    expect(subscriber.received).toHaveLength(1);
  });

  it('stops polling within one interval after its last subscriber leaves', async () => {
    subscriber.close();
    await until(async () => (await watched(stack)) === 0, INTERVAL, 'no repository watched');
    const polls = pollsOf(stack.emulator.calls, 'web/backend').length;
    await new Promise((resolve) => setTimeout(resolve, 2 * INTERVAL));
    expect(pollsOf(stack.emulator.calls, 'web/backend').length).toBe(polls);
  });
});

describe("GraphiQL's example subscription", () => {
  it('opens a stream on the demo catalog, within the cost limit', async () => {
    const stack = createStack({ fixture: createDemoCatalog(), watch: { intervalMs: INTERVAL } });
    const response = await stack.gateway.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: exampleQuery, operationName: 'Changes' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body?.getReader();
    // The stream opens with a keep-alive comment, then stays silent until a change.
    expect(new TextDecoder().decode((await reader?.read())?.value)).toBe(':\n\n');
    await reader?.cancel();
  });
});
