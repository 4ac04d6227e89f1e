/**
 * Subscriptions across real gateway processes (src/main.ts): SIGTERM completes every stream and
 * exits 0; two replicas sharing Redis poll each watched repository as one, both deliver, and the
 * other takes over when the poller dies. The emulator listens on loopback; it is changed through
 * its control API and counted through its call log. WATCH_INTERVAL_MS is 1000.
 */
import { createEmulator } from '../../src/emulator';
import { digestOf, testFixture } from '../helpers/fixture';
import { awsBackendEnv, GATEWAY_READY, startScript } from '../helpers/process';
import { describeWithRedis } from '../helpers/redis';
import { type Replicas, startReplicas } from '../helpers/replicas';
import { type Subscriber, sseSubscriber, wsSubscriber } from '../helpers/subscribers';
import { changesOf, morePolls, pollsOf, until } from '../helpers/watching';

const INTERVAL = 1000;
const REPO = 'web/frontend';

async function gauge(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(text.match(new RegExp(`^${name} (\\d+)`, 'm'))?.[1] ?? -1);
}

describe('SIGTERM with subscriptions open', () => {
  it('completes the SSE and graphql-ws streams, and the process exits 0', async () => {
    const emulator = createEmulator(testFixture());
    const upstream = await emulator.listen(0);
    const started = await startScript(
      'src/main.ts',
      { ...awsBackendEnv(upstream.url), AWS_MAX_ATTEMPTS: '1', WATCH_INTERVAL_MS: String(INTERVAL) },
      GATEWAY_READY,
    );
    const base = started.match[1] as string;
    try {
      const sse = await sseSubscriber(fetch, `${base}/graphql`, changesOf(REPO));
      const ws = wsSubscriber(`${base}/graphql`, changesOf(REPO));
      await until(async () => (await gauge(base, 'gateway_subscriptions')) === 2, 10_000, 'two open streams');
      started.child.kill('SIGTERM');
      await Promise.all([sse.completed, ws.completed]);
      expect(await started.exited).toBe(0);
      expect(sse.received).toEqual([]);
      expect(ws.received).toEqual([]);
    } finally {
      started.child.kill('SIGKILL');
      await upstream.close();
    }
  });
});

describeWithRedis('two replicas sharing Redis', () => {
  let replicas: Replicas;
  const subscribers: Subscriber[] = [];
  beforeAll(async () => {
    replicas = await startReplicas({ WATCH_INTERVAL_MS: String(INTERVAL) });
  });
  afterAll(async () => {
    for (const subscriber of subscribers) subscriber.close();
    await replicas.stop();
  });

  it('poll each repository as one and both deliver; the other takes over when the poller dies', async () => {
    const [a, b] = replicas.bases;
    subscribers.push(await sseSubscriber(fetch, `${a}/graphql`, changesOf(REPO)));
    subscribers.push(await sseSubscriber(fetch, `${b}/graphql`, changesOf(REPO)));
    subscribers.push(wsSubscriber(`${b}/graphql`, changesOf(REPO)));
    await until(async () => (await gauge(b, 'gateway_subscriptions')) === 2, 10_000, 'two streams on B');
    const calls = replicas.emulator.calls;

    // One poller: four consecutive polls span three whole intervals, as one process's would.
    const before = pollsOf(calls, REPO).length;
    await morePolls(calls, REPO, 4);
    const polls = pollsOf(calls, REPO).slice(before, before + 4);
    expect((polls[3]?.at ?? 0) - (polls[0]?.at ?? 0)).toBeGreaterThanOrEqual(3 * INTERVAL * 0.8);
    const polling = [
      await gauge(a, 'gateway_watch_polling_repositories'),
      await gauge(b, 'gateway_watch_polling_repositories'),
    ];
    expect(polling.sort()).toEqual([0, 1]);

    replicas.emulator.control.push({
      repositoryName: REPO,
      image: { imageDigest: digestOf('shared'), imageTags: ['3.0.0'] },
    });
    for (const event of await Promise.all(subscribers.map((s) => s.next(2 * INTERVAL + 500)))) {
      expect(event.data?.repositoryChanged).toMatchObject({ kind: 'IMAGE_PUSHED', imageDigest: digestOf('shared') });
    }

    // The poller dies; the lease lapses (three intervals) and the survivor polls, from the last listing.
    const poller = (await gauge(a, 'gateway_watch_polling_repositories')) === 1 ? 'a' : 'b';
    const survivor = poller === 'a' ? b : a;
    replicas.kill(poller === 'a' ? 0 : 1);
    replicas.emulator.control.untag({ repositoryName: REPO, tag: 'v5' });
    const left = subscribers.filter((_, i) => (poller === 'a' ? i > 0 : i === 0));
    for (const event of await Promise.all(left.map((s) => s.next(6 * INTERVAL)))) {
      expect(event.data?.repositoryChanged).toMatchObject({ kind: 'TAG_REMOVED', tag: 'v5' });
    }
    expect(await gauge(survivor, 'gateway_watch_polling_repositories')).toBe(1);
  });
});
