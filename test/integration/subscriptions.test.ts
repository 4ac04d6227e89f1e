/**
 * Subscription.repositoryChanged through the public surface: 10 SSE subscribers and one graphql-ws
 * subscriber on one gateway served over HTTP, the catalog changed through the emulator's control
 * API, upstream calls read from its call log. WATCH_INTERVAL_MS is 1000.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachGraphqlWs, type GraphqlWs } from '../../src/http/graphql-ws';
import { digestOf, REGISTRY_ID } from '../helpers/fixture';
import { createStack, type Stack } from '../helpers/stack';
import { type Subscriber, sseSubscriber, wsSubscriber } from '../helpers/subscribers';
import { changesOf, morePolls, pollsOf, until } from '../helpers/watching';

const INTERVAL = 1000;
const REPO = 'web/frontend';
const digest = (i: number): string => digestOf(`${REPO}#${i}`);

let stack: Stack;
let server: Server;
let websockets: GraphqlWs;
let url: string;

beforeAll(async () => {
  stack = createStack({ watch: { intervalMs: INTERVAL, subscriptionsMax: 12 } });
  server = createServer(stack.gateway);
  websockets = attachGraphqlWs(server, {
    path: '/graphql',
    maxPayloadBytes: 1024 * 1024,
    handle: (request, context) => Promise.resolve(stack.gateway.fetch(request, context)),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await websockets.close(0);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const openStreams = async (): Promise<number> => {
  const text = await (await stack.gateway.fetch('http://gateway/metrics')).text();
  return Number(text.match(/^gateway_subscriptions (\d+)/m)?.[1] ?? 0);
};

describe('repositoryChanged: 10 SSE subscribers and one graphql-ws subscriber', () => {
  const subscribers: Subscriber[] = [];
  afterAll(() => {
    for (const subscriber of subscribers) subscriber.close();
  });

  it('each receive every kind of change within two intervals, nothing before the first, at one poll a round', async () => {
    /** Every upstream call of the next `rounds` polls, and how long they spanned. */
    const roundsCost = async (rounds: number) => {
      const before = stack.calls();
      const first = pollsOf(stack.emulator.calls, REPO).length;
      await morePolls(stack.emulator.calls, REPO, rounds);
      const polls = pollsOf(stack.emulator.calls, REPO).slice(first);
      return { calls: stack.calls() - before, span: (polls.at(-1)?.at ?? 0) - (polls[0]?.at ?? 0) };
    };
    const open = async () => {
      const sse = await sseSubscriber(fetch, url, changesOf(REPO));
      expect(sse.status).toBe(200);
      expect(sse.contentType).toContain('text/event-stream');
      subscribers.push(sse);
    };
    await open();
    const alone = await roundsCost(3);
    for (let i = 0; i < 9; i++) await open();
    subscribers.push(wsSubscriber(url, changesOf(REPO)));
    await until(async () => (await openStreams()) === 11, 10_000, 'eleven open streams');

    // Rounds with no change: nothing is sent, and each costs one call, for one subscriber or eleven.
    const together = await roundsCost(3);
    expect(alone.calls).toBe(3);
    expect(together.calls).toBe(alone.calls);
    expect(together.span).toBeGreaterThanOrEqual(2 * INTERVAL * 0.8);
    expect(subscribers.every((s) => s.received.length === 0)).toBe(true);

    const changes: [string, () => void, Record<string, unknown>][] = [
      [
        'IMAGE_PUSHED',
        () =>
          stack.emulator.control.push({
            repositoryName: REPO,
            image: { imageDigest: digestOf('pushed'), imageTags: ['2.0.0'], imagePushedAt: new Date().toISOString() },
          }),
        { tag: null, imageDigest: digestOf('pushed'), previousImageDigest: null, image: { imageTags: ['2.0.0'] } },
      ],
      [
        'TAG_MOVED',
        () =>
          stack.emulator.control.push({
            repositoryName: REPO,
            image: { imageDigest: digest(2), imageTags: ['v2', 'v1'] },
          }),
        { tag: 'v1', imageDigest: digest(2), previousImageDigest: digest(1) },
      ],
      [
        'TAG_REMOVED',
        () => stack.emulator.control.untag({ repositoryName: REPO, tag: 'v3' }),
        { tag: 'v3', imageDigest: digest(3), previousImageDigest: digest(3) },
      ],
      [
        'IMAGE_REMOVED',
        () => stack.emulator.control.delete({ registryId: REGISTRY_ID, repositoryName: REPO, imageDigest: digest(4) }),
        { tag: null, imageDigest: digest(4), previousImageDigest: digest(4), image: null },
      ],
    ];
    for (const [kind, change, expected] of changes) {
      const changedAt = Date.now();
      change();
      const events = await Promise.all(subscribers.map((s) => s.next(2 * INTERVAL + 500)));
      for (const event of events) {
        expect(event.errors).toBeUndefined();
        expect(event.data?.repositoryChanged).toMatchObject({ kind, repositoryName: REPO, ...expected });
      }
      expect(Date.now() - changedAt).toBeLessThanOrEqual(2 * INTERVAL + 100);
    }
    expect(subscribers.every((s) => s.received.length === 4)).toBe(true);
  });
});
